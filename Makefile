# Thin wrapper over the npm scripts and deploy/local. `make help` lists the targets.
SHELL := bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

NPM ?= npm
COMPOSE ?= docker compose
LOCAL := deploy/local

# True when a Docker engine answers (not just when the docker CLI is installed).
HAVE_DOCKER = docker info >/dev/null 2>&1

.PHONY: help install build typecheck lint test test-unit test-int test-faults infra-up infra-down infra-status \
        up down asyncapi asyncapi-check spec-lint bench-bus sandbox demo kafka-fetch ci

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{ printf "  make %-14s %s\n", $$1, $$2 }'

install: ## install dependencies exactly as locked (npm ci)
	$(NPM) ci

build: ## compile every package (tsc -b)
	$(NPM) run build

typecheck: ## type-check sources and tests
	$(NPM) run typecheck

lint: ## eslint, zero warnings
	$(NPM) run lint

test: node_modules/.package-lock.json infra-up ## start Kafka + PostgreSQL (deploy/local), then unit, integration and fault tests
	$(NPM) test
	$(NPM) run test:faults

test-unit: ## unit tests only (no infrastructure needed)
	$(NPM) run test:unit

test-int: infra-up ## integration tests only
	$(NPM) run test:int

test-faults: node_modules/.package-lock.json kafka-fetch ## the fault suite: its own PostgreSQL and Kafka, restarted under load (never the shared ones)
	$(NPM) run test:faults

kafka-fetch: ## download the Kafka broker jars (Maven) into deploy/local/kafka/libs
	$(LOCAL)/kafka.sh fetch

infra-up: ## start Kafka (127.0.0.1:9092) and PostgreSQL (127.0.0.1:5432) without Docker
	$(LOCAL)/up.sh

infra-down: ## stop what infra-up started (leaves servers it did not start alone)
	$(LOCAL)/down.sh

infra-status: ## show whether Kafka and PostgreSQL answer
	$(LOCAL)/kafka.sh status || true
	$(LOCAL)/postgres.sh status || true

up: node_modules/.package-lock.json ## start the stack: docker compose when a Docker engine answers, else deploy/local (Kafka, PostgreSQL, then every service as its own process)
	@if $(HAVE_DOCKER); then \
	  echo "[up] Docker engine found: $(COMPOSE) up"; $(COMPOSE) up -d --wait; \
	else \
	  echo "[up] no Docker engine: deploy/local"; $(LOCAL)/up.sh; $(LOCAL)/services.sh start; \
	fi

down: ## stop the stack started by `make up` (services first, then the infrastructure)
	$(LOCAL)/services.sh stop
	@if $(HAVE_DOCKER); then $(COMPOSE) down; fi
	$(LOCAL)/down.sh

asyncapi: ## regenerate docs/asyncapi.yaml from the topic registry
	$(NPM) run asyncapi

asyncapi-check: ## fail when docs/asyncapi.yaml is stale
	$(NPM) run asyncapi:check

spec-lint: ## validate docs/asyncapi.yaml (@asyncapi/parser) and lint every openapi.json (Redocly, redocly.yaml)
	$(NPM) run spec:lint

bench-bus: infra-up ## Kafka adapter throughput and latency
	$(NPM) run bench:bus

sandbox: node_modules/.package-lock.json ## run the QBO sandbox with a seeded demo company (installs dependencies first when needed)
	$(NPM) run sandbox

demo: node_modules/.package-lock.json ## everything in one process (in-memory bus, PGlite, QBO sandbox): connect, push a demo data set, print a summary, serve until Ctrl-C
	$(NPM) run demo

# Installs dependencies when node_modules is missing or older than the lock file.
node_modules/.package-lock.json: package-lock.json
	$(NPM) ci --no-audit --no-fund
	@touch $@

ci: ## what CI runs (from scratch: npm ci, Kafka jars, infra, checks, tests)
	bash .ci/run

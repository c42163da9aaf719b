# LoadForge: build and install.
#
#   make                         release build (swift build -c release), as the README's quick start
#   make install [PREFIX=/usr/local] [DESTDIR=]     (or: make && sudo make install)
#   make uninstall [PREFIX=/usr/local]
#
# Installed layout: PREFIX/lib/loadforge/ holds the binary and SwiftPM's resource bundles
# (LoadForge_LoadForgeReport.resources has plotly.min.js for the HTML report and the dashboard,
# LoadForge_LoadForgeDashboard.resources the dashboard's page), and
# PREFIX/bin/loadforge is a symlink to it. The binary finds its bundles beside the real path of
# /proc/self/exe (HTMLReport.plotlyLocations), so the symlink and any working directory work.
# SCRATCH_PATH=DIR builds in DIR instead of .build (SwiftPM's --scratch-path).
# SWIFT_BUILD_FLAGS=--static-swift-stdlib (with its own SCRATCH_PATH) links the Swift runtime in,
# for machines without the toolchain.

PREFIX ?= /usr/local
DESTDIR ?=
SCRATCH_PATH ?= .build
SWIFT ?= swift
SWIFT_BUILD_FLAGS ?=

BUILD_DIR := $(SCRATCH_PATH)/release
LIB_DIR := $(DESTDIR)$(PREFIX)/lib/loadforge
BIN_DIR := $(DESTDIR)$(PREFIX)/bin

.PHONY: all build install uninstall

all: build

build:
	@# The whole package, as the README's `swift build -c release`: building one product with
	@# other flags made each command rebuild part of what the other had built.
	$(SWIFT) build -c release --scratch-path "$(SCRATCH_PATH)" $(SWIFT_BUILD_FLAGS)

# Builds first when swift is on the PATH; `sudo make install` (whose PATH may lack swift)
# installs what `make` built.
install:
	@if command -v "$(SWIFT)" >/dev/null; then $(MAKE) --no-print-directory build; \
	else test -x "$(BUILD_DIR)/loadforge" || { echo "$(SWIFT) not on the PATH: run make first" >&2; exit 1; }; fi
	install -d "$(LIB_DIR)" "$(BIN_DIR)"
	install -m 755 "$(BUILD_DIR)/loadforge" "$(LIB_DIR)/loadforge"
	@# Every bundle SwiftPM made (the report's and the dashboard's).
	for bundle in "$(BUILD_DIR)"/*.resources; do \
	  [ -d "$$bundle" ] || continue; \
	  rm -rf "$(LIB_DIR)/$$(basename "$$bundle")"; \
	  cp -R "$$bundle" "$(LIB_DIR)/"; \
	  chmod -R a+rX "$(LIB_DIR)/$$(basename "$$bundle")"; \
	done
	test -f "$(LIB_DIR)/LoadForge_LoadForgeReport.resources/plotly.min.js"
	test -f "$(LIB_DIR)/LoadForge_LoadForgeDashboard.resources/dashboard/app.js"
	ln -sfn ../lib/loadforge/loadforge "$(BIN_DIR)/loadforge"
	@echo "installed $(BIN_DIR)/loadforge -> $(LIB_DIR)/loadforge"

uninstall:
	rm -f "$(BIN_DIR)/loadforge"
	rm -rf "$(LIB_DIR)"
	@echo "removed $(BIN_DIR)/loadforge and $(LIB_DIR)"

# lanegate: the two commands a newcomer needs are `make run` and `make test`.
# Each installs what is missing first (Debian packages, when run as root).

SWIFT ?= swift
DEB_PACKAGES := pkg-config libsqlite3-dev libudev-dev libqrencode-dev tzdata zbar-tools systemd
BIN_DEBUG := .build/debug/lanegate

.PHONY: run test build bench deps lint clean install

deps:
	@missing=""; for p in $(DEB_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing:$$missing"; \
	    (apt-get install -y -qq $$missing >/dev/null 2>&1 || \
	     (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing)); \
	  else \
	    echo "missing Debian packages:$$missing (run: sudo apt-get install$$missing)"; exit 1; \
	  fi; \
	fi

build: deps
	$(SWIFT) build

run: build
	$(BIN_DEBUG) demo

test: deps
	$(SWIFT) build
	$(SWIFT) test --no-parallel

# Builds in release mode and runs the benchmark once (docs/performance.md); BENCH_FLAGS
# passes options, e.g. make bench BENCH_FLAGS="--sales 5000 --json".
bench: deps
	$(SWIFT) build -c release --product lanegate-bench
	.build/release/lanegate-bench $(BENCH_FLAGS)

lint:
	$(SWIFT) format lint --strict --recursive Sources Tests

clean:
	rm -rf .build

# Installs a release build and its files (README.md, "Installing"). DESTDIR stages it.
PREFIX ?= /usr
install: deps
	$(SWIFT) build -c release --product lanegate
	install -D -m 0755 .build/release/lanegate $(DESTDIR)$(PREFIX)/bin/lanegate
	install -d $(DESTDIR)$(PREFIX)/share/lanegate/devices $(DESTDIR)$(PREFIX)/share/lanegate/protocols/examples
	install -m 0644 devices/*.json $(DESTDIR)$(PREFIX)/share/lanegate/devices/
	install -m 0644 protocols/*.md $(DESTDIR)$(PREFIX)/share/lanegate/protocols/
	install -m 0644 protocols/examples/*.lanelink $(DESTDIR)$(PREFIX)/share/lanegate/protocols/examples/
	install -D -m 0644 README.md $(DESTDIR)$(PREFIX)/share/doc/lanegate/README.md
	install -D -m 0644 packaging/lanegate.service $(DESTDIR)/lib/systemd/system/lanegate.service
	install -D -m 0644 packaging/60-lanegate.rules $(DESTDIR)/etc/udev/rules.d/60-lanegate.rules
	install -D -m 0644 packaging/sysusers.conf $(DESTDIR)$(PREFIX)/lib/sysusers.d/lanegate.conf
	install -d -m 0755 $(DESTDIR)/etc/lanegate
	[ -e $(DESTDIR)/etc/lanegate/lane.json ] || install -m 0644 examples/lane.json $(DESTDIR)/etc/lanegate/lane.json
	[ -e $(DESTDIR)/etc/lanegate/program.json ] || install -m 0644 examples/program.json $(DESTDIR)/etc/lanegate/program.json

# Cordon: one command each. `make help` lists them.
#
# Maven runs on a JDK 25 that this file finds by itself (JAVA_HOME if it is 25+, else the
# newest under /usr/lib/jvm); no export is needed.

SHELL := /bin/bash
.DEFAULT_GOAL := help

LAB_PACKAGES := etcd-server etcd-client wireguard-go wireguard-tools iperf3 iproute2 nftables iputils-ping
JDK25 := $(shell scripts/find-jdk25)
MVN := JAVA_HOME=$(JDK25) ./mvnw -B -ntp
DIST := dist/target/cordon/cordon

.PHONY: help build test unit demo demo-down format bench bench-tunnel bench-gateway bench-control-plane bench-index prerequisites jdk clean

help: ## list the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-20s %s\n", $$1, $$2}'

jdk:
	@test -n "$(JDK25)" || { scripts/find-jdk25 --explain; exit 1; }

prerequisites: ## install the lab's Debian packages when root with apt (no-op when present)
	@scripts/install-prerequisites $(LAB_PACKAGES)

build: jdk ## build the distribution: $(DIST)/bin/cordon
	$(MVN) -DskipTests package
	@echo "Built $(DIST): run $(DIST)/bin/cordon --help"

test: jdk prerequisites ## every test, lab tests included (needs root for the lab)
	$(MVN) -Plab verify

demo: build prerequisites ## the whole system in a namespace lab (root, < 3 min); KEEP=1 leaves it running
	$(JDK25)/bin/java -Dcordon.dist.dir=$(DIST) -cp "lab/target/classes:$(DIST)/lib/*" dev.cordon.lab.demo.Demo $(if $(KEEP),--keep,)

demo-down: jdk ## remove a lab left by make demo KEEP=1
	$(JDK25)/bin/java -Dcordon.dist.dir=$(DIST) -cp "lab/target/classes:$(DIST)/lib/*" dev.cordon.lab.demo.Demo --teardown

unit: jdk ## unit tests only (no root, no lab)
	$(MVN) test

bench: bench-tunnel bench-gateway bench-control-plane ## every benchmark below, in turn (root, ~25 min); docs/benchmarks.md lists every target

bench-tunnel: build prerequisites ## Cordon vs wireguard-go in the lab (root, ~6 min); rewrites docs/benchmarks.md
	$(JDK25)/bin/java -Dcordon.dist.dir=$(DIST) -cp "lab/target/classes:$(DIST)/lib/*" dev.cordon.lab.bench.Bench --markdown docs/benchmarks.md
	@$(MAKE) --no-print-directory bench-index

bench-gateway: build prerequisites ## revocation enforcement and gateway vs bare-tunnel throughput (root, ~6 min); writes docs/benchmarks-gateway.md
	$(JDK25)/bin/java --enable-native-access=ALL-UNNAMED -Dcordon.dist.dir=$(DIST) -cp "lab/target/classes:$(DIST)/lib/*" dev.cordon.lab.bench.GatewayBench --revocations 50 --rounds 5 --markdown docs/benchmarks-gateway.md
	@$(MAKE) --no-print-directory bench-index

bench-control-plane: build prerequisites ## controller and enforcement numbers (JMH, live controller, etcd; ~10 min); writes docs/benchmarks-control-plane.md
	$(MVN) -q -Pbench -pl gateway -am package -DskipTests
	$(JDK25)/bin/java -jar gateway/target/benchmarks.jar 'FlowDecisionBench|RecompileBench|TableUpdateBench' -wi 2 -i 5 -f 1 -r 1s -w 1s | tee gateway/target/jmh.txt
	$(JDK25)/bin/java -Xmx2g -cp gateway/target/benchmarks.jar dev.cordon.gateway.bench.PeerTableFootprint 100000 10000 | tee gateway/target/footprint.txt
	$(JDK25)/bin/java --enable-native-access=ALL-UNNAMED -cp "lab/target/classes:$(DIST)/lib/*" dev.cordon.lab.bench.controlplane.ControlPlaneBench --jmh gateway/target/jmh.txt --footprint gateway/target/footprint.txt --markdown docs/benchmarks-control-plane.md
	@$(MAKE) --no-print-directory bench-index

bench-index: jdk ## copy the gateway and control-plane targets into docs/benchmarks.md (each bench does this)
	$(JDK25)/bin/java -cp lab/target/classes dev.cordon.lab.bench.BenchmarkIndex --markdown docs/benchmarks.md

format: jdk ## rewrite sources in the project's format
	$(MVN) spotless:apply

clean:
	$(MVN) -q clean

# faultline: prove where a network fault lies.
#
#   make            build every command into build/
#   make deps       install the Debian packages builds and tests need (root)
#   make check      unit tests, fuzzing under ASan/UBSan, lab tests (root)
#   make demo       install build dependencies, build, run ptrace-slow on a
#                   demo network in namespaces
#   make install    binaries and man pages under $(DESTDIR)$(PREFIX)
#   make truth      ptrace-slow's right of N on the realistic lab (root)
#
# The library flags below come from pkg-config and libnet-config, read
# when make parses this file: before `deps` has installed anything.  So
# whatever is asked for together with `deps` (make deps check), and the
# build inside `demo` and `bench`, is made by a second make that reads
# them again once the packages are there.

VERSION    = 0.1.0
PREFIX    ?= /usr/local
DESTDIR   ?=
BINDIR     = $(PREFIX)/bin
MANDIR     = $(PREFIX)/share/man/man1

CC        ?= cc
CFLAGS    ?= -O2 -g
WARN       = -Wall -Wextra -Wshadow -Wpointer-arith -Wcast-qual \
             -Wstrict-prototypes -Wmissing-prototypes
PKG_CONFIG ?= pkg-config

# libnet 1.1 (Debian 12) ships only libnet-config, whose --defines still
# says _BSD_SOURCE (glibc wants _DEFAULT_SOURCE, set below); later ones
# ship libnet.pc as well.
LIBNET_CFLAGS := $(shell $(PKG_CONFIG) --cflags libnet 2>/dev/null || \
                   { libnet-config --defines; libnet-config --cflags; } 2>/dev/null)
LIBNET_LIBS   := $(shell $(PKG_CONFIG) --libs libnet 2>/dev/null || libnet-config --libs 2>/dev/null)
PCAP_CFLAGS   := $(shell $(PKG_CONFIG) --cflags libpcap 2>/dev/null || pcap-config --cflags 2>/dev/null)
PCAP_LIBS     := $(shell $(PKG_CONFIG) --libs libpcap 2>/dev/null || pcap-config --libs 2>/dev/null)
DEP_PKGS       = jansson libcap libcrypto libcares libmnl libcurl
DEP_CFLAGS    := $(shell $(PKG_CONFIG) --cflags $(DEP_PKGS) 2>/dev/null)
DEP_LIBS      := $(shell $(PKG_CONFIG) --libs $(DEP_PKGS) 2>/dev/null)
CMOCKA_CFLAGS := $(shell $(PKG_CONFIG) --cflags cmocka 2>/dev/null)
CMOCKA_LIBS   := $(shell $(PKG_CONFIG) --libs cmocka 2>/dev/null)

ALL_CFLAGS = -std=c11 -D_DEFAULT_SOURCE -D_GNU_SOURCE $(WARN) \
             -DFL_VERSION='"$(VERSION)"' -I. \
             $(LIBNET_CFLAGS) $(PCAP_CFLAGS) $(DEP_CFLAGS) $(CFLAGS)
LIBS       = $(LIBNET_LIBS) $(PCAP_LIBS) $(DEP_LIBS) -lpthread -lm

B = build

# The tree (README.md, "How it is built"): analyze/ and probes/ each hold
# a folder per command beside shared ones; includes are written from the
# top of the tree.  Each folder builds into its own archive.
ANALYZE_DIRS = packet flow common ptrace_slow synprobe postprobe report pcap_triage
PROBES_DIRS  = wire host cli ptrace_slow synprobe postprobe pcap_triage
COMMAND_DIRS = ptrace_slow synprobe postprobe probe_report pcap_triage

# A folder's sources, its command's front end (main.c) excepted.
src_of      = $(filter-out %/main.c,$(sort $(wildcard $(1)/*.c)))
ANALYZE_SRC = $(foreach d,$(ANALYZE_DIRS),$(call src_of,analyze/$(d)))
PROBES_SRC  = probes/priv.c $(foreach d,$(PROBES_DIRS),$(call src_of,probes/$(d)))
ANALYZE_OBJ = $(ANALYZE_SRC:%.c=$(B)/%.o)
PROBES_OBJ  = $(PROBES_SRC:%.c=$(B)/%.o)
MAIN_OBJ    = $(COMMAND_DIRS:%=$(B)/probes/%/main.o)

# The archive of a folder: $(call lib_of,analyze/flow) is
# $(B)/lib/libfl_analyze_flow.a.
lib_of      = $(B)/lib/libfl_$(subst /,_,$(1)).a
define folder_lib
$(call lib_of,$(1)): $$(patsubst %.c,$(B)/%.o,$$(call src_of,$(1)))
	@mkdir -p $$(dir $$@)
	@rm -f $$@
	$$(AR) rcs $$@ $$^
endef
# Debian packages: build, then what the tests and the lab drive.  Names
# that exist on Debian 12 and 13 alike: libclang-rt-dev holds libFuzzer
# and the sanitizer runtimes (clang only recommends it); nginx and
# bind9-dnsutils, not Debian 13's transitional nginx-light and dnsutils.
DEB_BUILD = build-essential pkg-config clang libclang-rt-dev libnet1-dev \
            libpcap-dev libjansson-dev libcmocka-dev libcap-dev libssl-dev \
            libnetfilter-queue-dev libc-ares-dev libmnl-dev libcurl4-openssl-dev
DEB_TEST  = iproute2 iptables jq libcap2-bin python3 iputils-ping procps \
            psmisc traceroute mtr-tiny vsftpd netcat-openbsd bind9-dnsutils \
            nmap curl ca-certificates tcpdump nginx openssl chromium fonts-dejavu-core \
            libxml2-utils poppler-utils tftpd-hpa tftp-hpa
# nft for the realistic lab (tests/lab/t_real_*.sh): ct state invalid drop,
# ip option rr exists drop.
DEB_TEST += nftables
DEB_BENCH = nmap tshark time scamper

COMMANDS = ptrace-slow synprobe postprobe probe-report pcap-triage
PROBE_COMMANDS = ptrace-slow synprobe postprobe pcap-triage
BINS     = $(COMMANDS:%=$(B)/%)

# Goals given together with deps (make deps check): deps first, then each
# of the others in a second make, which reads the library flags afresh.
DEPS_GOALS  := $(filter deps bench-deps,$(MAKECMDGOALS))
AFTER_DEPS  := $(filter-out $(DEPS_GOALS),$(MAKECMDGOALS))

ifneq ($(DEPS_GOALS),)
ifneq ($(AFTER_DEPS),)
.PHONY: $(AFTER_DEPS)
$(AFTER_DEPS): | $(DEPS_GOALS)
	+$(MAKE) FL_DEPS_DONE=1 $@
endif
else

all: $(BINS)

# One line that says what to do, rather than hundreds of undefined
# references, when the libraries are not installed.
need-libs:
	@if [ -z "$(strip $(LIBNET_LIBS))" ] || [ -z "$(strip $(PCAP_LIBS))" ] || \
	    [ -z "$(strip $(DEP_LIBS))" ]; then \
	  echo "make: libnet, libpcap or one of $(DEP_PKGS) is not installed: run 'make deps' (as root) first" >&2; \
	  exit 1; \
	fi

$(ANALYZE_OBJ) $(PROBES_OBJ) $(MAIN_OBJ): | need-libs

$(B)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(foreach d,$(ANALYZE_DIRS),$(eval $(call folder_lib,analyze/$(d))))
$(foreach d,$(PROBES_DIRS),$(eval $(call folder_lib,probes/$(d))))

# probes/priv.c alone: every privileged call, and the drop.
$(call lib_of,probes): $(B)/probes/priv.o
	@mkdir -p $(dir $@)
	@rm -f $@
	$(AR) rcs $@ $^

# What each command links: its own folders, the shared ones it uses, and
# the Debian libraries those need, no more (Debian does not link with
# --as-needed: a library on the line is one the binary loads).  The
# archives are a group, so their order does not matter.
SHARED_LIBS = $(foreach d,probes/cli probes/host probes/wire probes analyze/report \
                analyze/common analyze/flow analyze/packet,$(call lib_of,$(d)))
LIBS_PROBE  = $(LIBNET_LIBS) $(PCAP_LIBS) \
              $(shell $(PKG_CONFIG) --libs jansson libcap libcrypto libcares libmnl 2>/dev/null) \
              -lpthread -lm
LIBS_HTTP   = $(LIBS_PROBE) $(shell $(PKG_CONFIG) --libs libcurl 2>/dev/null)
LIBS_REPORT = $(shell $(PKG_CONFIG) --libs jansson 2>/dev/null) -lm

PTRACE_A    = $(call lib_of,probes/ptrace_slow) $(call lib_of,analyze/ptrace_slow) $(SHARED_LIBS)
# synprobe and postprobe read every connection of a capture with
# pcap-triage's readers too (analyze/pcap_triage).
SYNPROBE_A  = $(call lib_of,probes/synprobe) $(call lib_of,analyze/synprobe) \
              $(call lib_of,analyze/pcap_triage) $(SHARED_LIBS)
POSTPROBE_A = $(call lib_of,probes/postprobe) $(call lib_of,analyze/postprobe) $(SYNPROBE_A)
TRIAGE_A    = $(call lib_of,probes/pcap_triage) $(call lib_of,analyze/pcap_triage) \
              $(call lib_of,analyze/synprobe) $(SHARED_LIBS)
REPORT_A    = $(foreach d,probes/cli analyze/report analyze/common analyze/packet,$(call lib_of,$(d)))

# $(call link,ARCHIVES,LIBRARIES)
link = $(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< -Wl,--start-group $(1) -Wl,--end-group $(2)

$(B)/ptrace-slow: $(B)/probes/ptrace_slow/main.o $(PTRACE_A)
	$(call link,$(PTRACE_A),$(LIBS_PROBE))

$(B)/synprobe: $(B)/probes/synprobe/main.o $(SYNPROBE_A)
	$(call link,$(SYNPROBE_A),$(LIBS_PROBE))

$(B)/postprobe: $(B)/probes/postprobe/main.o $(POSTPROBE_A)
	$(call link,$(POSTPROBE_A),$(LIBS_HTTP))

$(B)/pcap-triage: $(B)/probes/pcap_triage/main.o $(TRIAGE_A)
	$(call link,$(TRIAGE_A),$(LIBS_PROBE))

$(B)/probe-report: $(B)/probes/probe_report/main.o $(REPORT_A)
	$(call link,$(REPORT_A),$(LIBS_REPORT))

include tests/tests.mk

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)
	install -m 0755 $(BINS) $(DESTDIR)$(BINDIR)/
	install -m 0644 $(COMMANDS:%=man/%.1) $(DESTDIR)$(MANDIR)/
	@# Raw sockets and capture need CAP_NET_RAW; grant it when we can.
	@for c in $(PROBE_COMMANDS); do \
	  if command -v setcap >/dev/null 2>&1 && \
	     setcap cap_net_raw+ep $(DESTDIR)$(BINDIR)/$$c 2>/dev/null; then \
	    echo "setcap cap_net_raw+ep $(DESTDIR)$(BINDIR)/$$c"; \
	  else \
	    echo "note: could not setcap $(DESTDIR)$(BINDIR)/$$c; run it as root"; \
	  fi; \
	done

# Install, build, run ptrace-slow on a demo network (root), and write
# its report.  The build is a second make: see the top of this file.
demo: deps
	+$(MAKE) FL_DEPS_DONE=1 all lab-tools
	@bash tests/lab/demo.sh

# Side by side with mtr, traceroute, nmap, curl, tcpdump and tshark; root.
bench: bench-deps
	+$(MAKE) FL_DEPS_DONE=1 all lab-tools
	@bash tests/bench/bench_ptrace.sh
	@bash tests/bench/bench_synprobe.sh
	@bash tests/bench/bench_postprobe.sh
	@bash tests/bench/bench_triage.sh
	@bash tests/bench/bench_memory.sh

# How often ptrace-slow is right on realistic paths: each t_real_*.sh
# scenario 60 times (TRUTH_RUNS), a table of right of N with its 95 %
# interval (tests/lab/truth.sh); root, about an hour.
truth: all lab-tools
	@FL_BIN=$(CURDIR)/$(B) bash tests/lab/truth.sh
.PHONY: truth

uninstall:
	rm -f $(COMMANDS:%=$(DESTDIR)$(BINDIR)/%) $(COMMANDS:%=$(DESTDIR)$(MANDIR)/%.1)

clean:
	rm -rf $(B)

endif

# Once per invocation: a make started by one that already installed them
# (FL_DEPS_DONE=1) does not run apt-get again.
deps:
ifeq ($(FL_DEPS_DONE),)
	apt-get update
	DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
	    $(DEB_BUILD) $(DEB_TEST)
endif

bench-deps: deps
ifeq ($(FL_DEPS_DONE),)
	DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $(DEB_BENCH)
endif

ifeq ($(DEPS_GOALS),)
-include $(shell find $(B) -name '*.d' 2>/dev/null)
endif

.PHONY: all install uninstall clean deps bench-deps demo bench need-libs

# tests/fuzz/fuzz.mk: libFuzzer targets, included by tests/tests.mk.
#
#   make fuzz-build   build/fuzz/fuzz_packet, fuzz_capture, fuzz_http, fuzz_report,
#                     fuzz_baseline, fuzz_locations, fuzz_triage
#
# tests/fuzz/run.sh builds them (through this target) and runs them;
# tests/fuzz/README.md says how.  The library sources are compiled again
# here, with clang, the sanitizers and libFuzzer's coverage hooks, into
# build/fuzz/obj/.  libFuzzer brings main(), so no file that has one
# (probes/ptrace_slow.c) is linked.  Variables are prefixed FUZZ_ so as
# not to clash with the root Makefile.

FUZZ_CC      ?= clang
FUZZ_SAN     ?= -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all
FUZZ_DIR      = tests/fuzz
FUZZ_OUT      = $(B)/fuzz
FUZZ_TARGETS  = fuzz_packet fuzz_capture fuzz_http fuzz_report fuzz_baseline fuzz_locations \
                fuzz_triage
FUZZ_BINS     = $(FUZZ_TARGETS:%=$(FUZZ_OUT)/%)
# The root's flags without its optimisation and debug levels: the fuzzer
# wants -g -O1.
FUZZ_NOOPT    = -g -O -O0 -O1 -O2 -O3 -Os -Oz -Og -Ofast
FUZZ_CFLAGS   = $(filter-out $(FUZZ_NOOPT),$(ALL_CFLAGS)) -g -O1 \
                -fno-omit-frame-pointer $(FUZZ_SAN)

FUZZ_LIB_SRC  = $(ANALYZE_SRC) $(PROBES_SRC)
FUZZ_LIB_OBJ  = $(FUZZ_LIB_SRC:%.c=$(FUZZ_OUT)/obj/%.o)
FUZZ_HARNESS  = $(FUZZ_OUT)/obj/$(FUZZ_DIR)/fuzz_analysis.o \
                $(FUZZ_OUT)/obj/$(FUZZ_DIR)/fuzz_trace.o

.PHONY: fuzz-build
fuzz-build: $(FUZZ_BINS)

$(FUZZ_LIB_OBJ): $(FUZZ_OUT)/obj/%.o: %.c $(FUZZ_DIR)/fuzz.mk
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -MMD -MP -c -o $@ $<

$(FUZZ_TARGETS:%=$(FUZZ_OUT)/obj/$(FUZZ_DIR)/%.o) $(FUZZ_HARNESS): \
    $(FUZZ_OUT)/obj/$(FUZZ_DIR)/%.o: $(FUZZ_DIR)/%.c $(FUZZ_DIR)/fuzz.mk
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -I$(FUZZ_DIR) -MMD -MP -c -o $@ $<

$(FUZZ_BINS): $(FUZZ_OUT)/%: $(FUZZ_OUT)/obj/$(FUZZ_DIR)/%.o $(FUZZ_HARNESS) $(FUZZ_LIB_OBJ)
	$(FUZZ_CC) $(FUZZ_SAN) -g $(LDFLAGS) -o $@ $^ $(LIBS)

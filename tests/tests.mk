# Tests: included by the root Makefile.
#
# Unit tests are cmocka programs, one per tests/unit/test_*.c, built
# against a copy of the libraries compiled with ASan and UBSan.  Shell
# checks are tests/unit/test_*.sh.  Fuzz targets (tests/fuzz/) and the
# lab (tests/lab/) bring their own make fragments.

SAN_FLAGS  ?= -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
SAN_CFLAGS  = $(filter-out -O2 -O3,$(ALL_CFLAGS)) -O1 -g $(SAN_FLAGS)

SAN_OBJ   = $(ANALYZE_SRC:%.c=$(B)/san/%.o) $(PROBES_SRC:%.c=$(B)/san/%.o)
UNIT_SRC  = $(wildcard tests/unit/test_*.c)
UNIT_BIN  = $(UNIT_SRC:tests/unit/%.c=$(B)/tests/%)

$(B)/san/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(SAN_CFLAGS) -MMD -MP -c -o $@ $<

# P: members keep their paths (analyze/synprobe/infer.o and
# analyze/postprobe/infer.o are both wanted).
# Made afresh each time, so that a file moved or removed leaves no stale
# member behind.
$(B)/san/libfl.a: $(SAN_OBJ)
	@rm -f $@
	$(AR) rcsP $@ $^

$(B)/tests/%: tests/unit/%.c tests/unit/fixtures.h tests/unit/pktbuild.h $(B)/san/libfl.a
	@mkdir -p $(dir $@)
	$(CC) $(SAN_CFLAGS) $(CMOCKA_CFLAGS) -Itests/unit -o $@ $< $(B)/san/libfl.a \
	    $(CMOCKA_LIBS) $(LIBS) $(SAN_FLAGS)

# The commands themselves, sanitized, for the shell tests that want them
# (tests/unit/test_corpus.sh): LeakSanitizer is on by default with ASan,
# so an error exit that leaks exits 1 ("fault found"), not its status.
SAN_BIN   = $(COMMANDS:%=$(B)/san/bin/%)

$(B)/san/bin/%: $(B)/san/libfl.a
	@mkdir -p $(dir $@)
	$(CC) $(SAN_CFLAGS) -o $@ $(B)/san/probes/$(subst -,_,$*)/main.o $(B)/san/libfl.a \
	    $(LIBS) $(SAN_FLAGS)
$(foreach c,$(COMMANDS),$(eval $(B)/san/bin/$(c): $(B)/san/probes/$(subst -,_,$(c))/main.o))

unit-tests: $(UNIT_BIN) $(SAN_BIN)

-include tests/fuzz/fuzz.mk
-include tests/lab/lab.mk

# Everything: unit tests (no root), fuzzing, lab tests (root).
check: all unit-tests lab-tools
	@bash tests/run_all.sh

# What runs without root.
unit-check: all unit-tests
	@bash tests/run_all.sh --no-lab

.PHONY: check unit-check unit-tests

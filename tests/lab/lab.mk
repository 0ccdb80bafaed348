# tests/lab/lab.mk: the lab's helper programs, included by the root Makefile.
#
#   make lab-tools   build/lab/nfq_hold (NFQUEUE delay/loss) and
#                    build/lab/blast (UDP load generator)
#
# The lab scripts (tests/lab/run.sh, t_*.sh) find them in $(B)/lab, or in
# $FL_BIN/lab.  Variables are prefixed LAB_ so as not to clash with the root
# Makefile, which defines B, CC and CFLAGS.

LAB_DIR        = tests/lab
LAB_OUT        = $(B)/lab
LAB_WARN       = -Wall -Wextra -Wshadow -Wpointer-arith -Wcast-qual \
                 -Wstrict-prototypes -Wmissing-prototypes
LAB_CFLAGS     = -std=c11 -D_DEFAULT_SOURCE -D_GNU_SOURCE $(LAB_WARN) $(CFLAGS)
LAB_PKG_CONFIG = $(or $(PKG_CONFIG),pkg-config)
LAB_NFQ_CFLAGS = $(shell $(LAB_PKG_CONFIG) --cflags libnetfilter_queue 2>/dev/null)
LAB_NFQ_LIBS   = $(shell $(LAB_PKG_CONFIG) --libs libnetfilter_queue 2>/dev/null || echo -lnetfilter_queue -lnfnetlink)
LAB_TOOLS      = $(LAB_OUT)/nfq_hold $(LAB_OUT)/blast

.PHONY: lab-tools
lab-tools: $(LAB_TOOLS)

$(LAB_OUT)/nfq_hold: $(LAB_DIR)/nfq_hold.c $(LAB_DIR)/lab.mk
	@mkdir -p $(LAB_OUT)
	$(CC) $(LAB_CFLAGS) $(LAB_NFQ_CFLAGS) $(LDFLAGS) -o $@ $< $(LAB_NFQ_LIBS)

$(LAB_OUT)/blast: $(LAB_DIR)/blast.c $(LAB_DIR)/lab.mk
	@mkdir -p $(LAB_OUT)
	$(CC) $(LAB_CFLAGS) $(LDFLAGS) -o $@ $<

/* pcapng.h - what libpcap does not hand on from a pcapng file: its Decryption Secrets Blocks
 * (TLS key logs written into the capture by editcap --inject-secrets or Wireshark). */
#ifndef CD_PCAP_PCAPNG_H
#define CD_PCAP_PCAPNG_H

#include <stddef.h>
#include <stdint.h>
#include "pcap/keylog.h"

/* Decryption Secrets Blocks read from one capture; more are hostile (ingest.limit-reached). */
#define CD_PCAPNG_MAX_SECRETS_BLOCKS 1024U

/* Is p the start of a pcapng file (a Section Header Block)? */
int cd_pcapng_is(const uint8_t *p, size_t len);
/* Walk the blocks of the pcapng p[0..len) and read the TLS key log of every Decryption Secrets
 * Block into k (events at src, offsets of the blocks). Stops quietly at the first damaged
 * block: libpcap reports the damage when it reads the packets. CD_OK, CD_E_NOMEM. */
int cd_pcapng_secrets(const uint8_t *p, size_t len, struct cd_keylog *k, struct cd_model *m,
		      const struct cd_source *src);

#endif

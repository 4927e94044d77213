/* test_util.c - the byte-level readers: DER TLV, base64, PEM scanner, times; the YAML reader. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>
#include "engine/engine.h"
#include "ingest/pem.h"
#include "util/b64.h"
#include "util/der.h"
#include "util/str.h"
#include "util/timefmt.h"
#include "util/yaml.h"

Test(cursor, reads_big_endian_integers_and_advances_only_on_success)
{
	static const uint8_t a[] = {0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09};
	struct cd_cursor c;
	uint16_t w;
	uint32_t t;
	cd_cursor_init(&c, a, sizeof(a));
	cr_assert_eq(cd_cursor_get_u16(&c, &w), CD_OK);
	cr_expect_eq(w, 0x0102);
	cr_assert_eq(cd_cursor_get_u24(&c, &t), CD_OK);
	cr_expect_eq(t, 0x030405);
	cr_assert_eq(cd_cursor_get_u32(&c, &t), CD_OK);
	cr_expect_eq(t, 0x06070809u);
	cr_expect_eq(cd_cursor_get_u16(&c, &w), CD_E_TRUNCATED);
	cd_cursor_init(&c, a, 3);
	cr_expect_eq(cd_cursor_get_u32(&c, &t), CD_E_TRUNCATED);
	cr_expect_eq(cd_cursor_get_u32le(&c, &t), CD_E_TRUNCATED);
	cr_expect_eq(c.pos, 0, "cursor must not advance on failure");
	cr_assert_eq(cd_cursor_get_u24(&c, &t), CD_OK);
	cr_expect_eq(c.pos, 3);
	cd_cursor_init(&c, a, 4);
	cr_assert_eq(cd_cursor_get_u32le(&c, &t), CD_OK);
	cr_expect_eq(t, 0x04030201u);
}

Test(cursor, length_prefixed_vector_is_a_sub_cursor_or_nothing)
{
	/* 2-byte length 3, then 3 bytes; then a 1-byte length 5 with only 2 bytes left */
	static const uint8_t a[] = {0x00, 0x03, 0xaa, 0xbb, 0xcc, 0x05, 0x11, 0x22};
	struct cd_cursor c, v;
	cd_cursor_init(&c, a, sizeof(a));
	cr_assert_eq(cd_cursor_get_prefixed(&c, 2, &v), CD_OK);
	cr_expect_eq(v.len, 3);
	cr_expect_eq(v.base[0], 0xaa);
	cr_expect_eq(c.pos, 5);
	cr_expect_eq(cd_cursor_get_prefixed(&c, 1, &v), CD_E_TRUNCATED);
	cr_expect_eq(c.pos, 5, "a vector longer than what remains leaves the cursor where it was");
	cd_cursor_init(&c, a, sizeof(a));
	cr_expect_eq(cd_cursor_get_prefixed(&c, 3, &v), CD_E_TRUNCATED); /* 0x0003aa = 938 bytes */
}

Test(der, reads_short_and_long_lengths)
{
	static const uint8_t a[] = {0x04, 0x02, 0xaa, 0xbb, 0x04, 0x81, 0x80};
	struct cd_cursor c;
	struct cd_der_tlv t;
	size_t off;
	cd_cursor_init(&c, a, sizeof(a));
	cr_assert_eq(cd_der_get_tlv(&c, &t, &off), CD_OK);
	cr_expect_eq(t.len, 2);
	cr_expect_eq(t.hdr_len, 2);
	/* 0x81 0x80 = 128 content bytes, only 0 present: truncated at the end of the buffer */
	cr_expect_eq(cd_der_get_tlv(&c, &t, &off), CD_E_TRUNCATED);
	cr_expect_eq(off, sizeof(a));
	cr_expect_eq(c.pos, 4, "cursor must not advance on failure");
}

Test(der, rejects_indefinite_and_non_minimal_lengths_as_malformed)
{
	static const uint8_t indef[] = {0x30, 0x80, 0x00, 0x00};
	static const uint8_t nonmin[] = {0x04, 0x81, 0x05, 1, 2, 3, 4, 5};
	static const uint8_t lead0[] = {0x04, 0x82, 0x00, 0x85};
	struct cd_cursor c;
	struct cd_der_tlv t;
	size_t off;
	cd_cursor_init(&c, indef, sizeof(indef));
	cr_expect_eq(cd_der_get_tlv(&c, &t, &off), CD_E_MALFORMED);
	cr_expect_eq(off, 1);
	cd_cursor_init(&c, nonmin, sizeof(nonmin));
	cr_expect_eq(cd_der_get_tlv(&c, &t, &off), CD_E_MALFORMED);
	cd_cursor_init(&c, lead0, sizeof(lead0));
	cr_expect_eq(cd_der_get_tlv(&c, &t, &off), CD_E_MALFORMED);
	cr_expect_eq(off, 2);
}

Test(der, header_claiming_gigabytes_is_truncated_not_a_crash)
{
	static const uint8_t a[] = {0x30, 0x84, 0x7f, 0xff, 0xff, 0xff, 0x02};
	enum cd_der_kind k;
	size_t ol, off;
	cr_expect_eq(cd_der_classify(a, sizeof(a), &k, &ol, &off), CD_E_TRUNCATED);
}

Test(der, deep_nesting_hits_the_depth_limit)
{
	uint8_t buf[2 * 64];
	size_t off;
	for (int i = 0; i < 64; i++) {
		buf[2 * i] = 0x30;
		buf[2 * i + 1] = (uint8_t)(2 * (63 - i));
	}
	cr_expect_eq(cd_der_check(buf, sizeof(buf), &off), CD_E_LIMIT);
}

static int judge(int tag, const char *s, int64_t *t, const char **why)
{
	return cd_der_time_judge((uint8_t)tag, (const uint8_t *)s, strlen(s), t, why);
}

Test(der, utctime_and_generalizedtime)
{
	int64_t t;
	const char *why;
	cr_assert_eq(judge(0x17, "500101000000Z", &t, &why), 0);
	cr_expect_eq(t, -631152000); /* 1950-01-01 */
	cr_expect_null(why);
	cr_assert_eq(judge(0x17, "491231235959Z", &t, &why), 0);
	cr_expect_eq(t, 2524607999); /* 2049-12-31T23:59:59Z */
	cr_assert_eq(judge(0x18, "99991231235959Z", &t, &why), 0);
	cr_expect_eq(t, 253402300799);
	cr_assert_eq(judge(0x18, "20240229120000Z", &t, &why), 0, "leap day");
}

/* RFC 5280 §4.1.2.5: what is read anyway (1), and what names no time (< 0) */
Test(der, times_rfc5280_forbids_are_judged)
{
	int64_t t = 0;
	const char *why;
	cr_expect_eq(judge(0x17, "4912312359Z", &t, &why), 1);
	cr_expect_eq(t, 2524607940);
	cr_expect_str_eq(why, "UTCTime without seconds");
	cr_expect_eq(judge(0x17, "491231235959+0100", &t, &why), 1, "offset applied");
	cr_expect_eq(t, 2524607999 - 3600);
	cr_expect_str_eq(why, "a time zone offset instead of Z (Zulu)");
	cr_expect_eq(judge(0x17, "491231225959-0100", &t, &why), 1);
	cr_expect_eq(t, 2524607999);
	cr_expect_eq(judge(0x18, "20491231235959.999Z", &t, &why), 1);
	cr_expect_eq(t, 2524607999);
	cr_expect_str_eq(why, "fractional seconds");
	cr_expect_lt(judge(0x17, "491231235959.5Z", &t, &why), 0, "no fraction in UTCTime");
	cr_expect_lt(judge(0x17, "491331235959Z", &t, &why), 0, "month 13");
	cr_expect_lt(judge(0x17, "260230000000Z", &t, &why), 0, "30 February");
	cr_expect_lt(judge(0x18, "20230229000000Z", &t, &why), 0, "29 February 2023");
	cr_expect_lt(judge(0x17, "491231236059Z", &t, &why), 0, "minute 60");
	cr_expect_lt(judge(0x17, "4912312359", &t, &why), 0, "no zone");
	cr_expect_lt(judge(0x17, "49123123595 Z", &t, &why), 0, "not a digit");
	cr_expect_lt(judge(0x17, "Z", &t, &why), 0);
	cr_expect_lt(judge(0x17, "", &t, &why), 0);
	cr_expect_lt(judge(0x04, "491231235959Z", &t, &why), 0, "an OCTET STRING");
	cr_expect_not_null(why);
}

Test(b64, decodes_with_line_breaks_and_padding)
{
	uint8_t *o;
	size_t n, off;
	cr_assert_eq(cd_b64_decode("aGVs\r\nbG8=", 10, &o, &n, &off), 0);
	cr_expect_eq(n, 5);
	cr_expect_eq(memcmp(o, "hello", 5), 0);
	free(o);
}

Test(b64, names_the_offset_of_a_bad_character)
{
	uint8_t *o;
	size_t n, off = 99;
	cr_assert_eq(cd_b64_decode("aGVs\nb!8=", 10, &o, &n, &off), CD_E_MALFORMED);
	cr_expect_eq(off, 6);
	cr_assert_eq(cd_b64_decode("aGVsbG8=aGVs", 12, &o, &n, &off), CD_E_MALFORMED, "data after padding");
	cr_assert_eq(cd_b64_decode("a", 1, &o, &n, &off), CD_E_MALFORMED, "one dangling character");
}

Test(pem, skips_text_between_blocks_and_handles_crlf_and_no_final_newline)
{
	const char *t = "hello\r\n-----BEGIN CERTIFICATE-----\r\nAAAA\r\n-----END CERTIFICATE-----\r\n"
			"text in between\n  -----BEGIN X509 CRL-----\nBBBB\n-----END X509 CRL-----";
	size_t pos = 0, off;
	struct cd_pem_block b;
	cr_assert_eq(cd_pem_next((const uint8_t *)t, strlen(t), &pos, &b, &off), 1);
	cr_expect_str_eq(b.label, "CERTIFICATE");
	cr_expect_eq(b.begin, 7);
	cr_assert_eq(cd_pem_next((const uint8_t *)t, strlen(t), &pos, &b, &off), 1);
	cr_expect_str_eq(b.label, "X509 CRL");
	cr_expect_eq(cd_pem_next((const uint8_t *)t, strlen(t), &pos, &b, &off), 0);
}

Test(pem, begin_without_end_is_truncated_and_the_next_block_survives)
{
	const char *t = "-----BEGIN CERTIFICATE-----\nAAAA\n-----BEGIN CERTIFICATE-----\nBBBB\n"
			"-----END CERTIFICATE-----\n";
	size_t pos = 0, off;
	struct cd_pem_block b;
	cr_assert_eq(cd_pem_next((const uint8_t *)t, strlen(t), &pos, &b, &off), CD_E_TRUNCATED);
	cr_expect_eq(off, 0);
	cr_assert_eq(cd_pem_next((const uint8_t *)t, strlen(t), &pos, &b, &off), 1);
	cr_expect_eq(b.begin, 33);
}

Test(pem, mismatched_end_label_is_malformed)
{
	const char *t = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END X509 CRL-----\n";
	size_t pos = 0, off;
	struct cd_pem_block b;
	cr_expect_eq(cd_pem_next((const uint8_t *)t, strlen(t), &pos, &b, &off), CD_E_MALFORMED);
}

Test(pem, rfc1421_encrypted_headers_are_seen)
{
	const char *t = "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\n"
			"AAAA\n-----END RSA PRIVATE KEY-----\n";
	size_t pos = 0, off;
	struct cd_pem_block b;
	cr_assert_eq(cd_pem_next((const uint8_t *)t, strlen(t), &pos, &b, &off), 1);
	cr_expect(b.proc_encrypted);
	cr_expect_eq(b.body_len, 5);
}

Test(timefmt, parses_the_documented_forms)
{
	cd_time_t t;
	char b[40];
	cr_assert_eq(cd_time_parse("2026-06-01T00:00:00Z", &t), 0);
	cr_expect_eq(t, 1780272000);
	cr_assert_eq(cd_time_parse("2026-06-01", &t), 0);
	cr_expect_eq(t, 1780272000);
	cr_assert_eq(cd_time_parse("2026-06-01T02:00:00+02:00", &t), 0);
	cr_expect_eq(t, 1780272000);
	cr_assert_eq(cd_time_parse("@1780272000", &t), 0);
	cr_expect_eq(t, 1780272000);
	cd_time_format(t, b, sizeof(b));
	cr_expect_str_eq(b, "2026-06-01T00:00:00Z");
	cr_expect_lt(cd_time_parse("2026-13-01", &t), 0);
	cr_expect_lt(cd_time_parse("yesterday", &t), 0);
	cr_expect_lt(cd_time_parse("2026-06-01T00:00:00Zjunk", &t), 0);
}

/* A finding names each object once, also past the point where membership goes through a
 * hash set (engine.c OBJ_SET_FROM), and keeps the order of first addition. */
Test(util, finding_objects_are_a_set_in_order_of_addition)
{
	enum { N = 1000 };
	static struct cd_object objs[N];
	static struct cd_object *ptrs[N];
	struct cd_model m;
	struct cd_finding f;
	memset(&m, 0, sizeof(m));
	memset(&f, 0, sizeof(f));
	for (size_t i = 0; i < N; i++)
		ptrs[i] = &objs[i];
	m.objects = ptrs;
	m.n_objects = N;
	for (int round = 0; round < 3; round++) /* every object three times, interleaved */
		for (size_t i = 0; i < N; i++)
			cd_finding_add_object(&f, &m, (i * 7 + (size_t)round) % N);
	cr_assert_eq(f.n_objects, N);
	for (size_t i = 0; i < N; i++)
		cr_expect_eq(f.objects[i], (i * 7) % N, "position %zu", i);
	free(f.objects);
	free(f.obj_set);
}

/* The one YAML reader behind catalogue, signatures and profiles. */
Test(yaml, map_read_names_unknown_duplicate_and_non_scalar_keys_with_their_line)
{
	static const struct {
		const char *text, *want;
	} cases[] = {
		{"a: 1\nb: 2\n", "t.yaml:2: unknown key \"b\""},
		{"a: 1\na: 2\n", "t.yaml:2: duplicate key \"a\""},
		{"a:\n  - x\n", "t.yaml:2: the value of \"a\" must be a scalar"},
		{"a: [1\n", "t.yaml:2: "},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct cd_yaml y;
		char *a = NULL, *err = NULL;
		const struct cd_yaml_field f[] = {{"a", &a, NULL}, {NULL, NULL, NULL}};
		int rc = cd_yaml_load(&y, "t.yaml", cases[i].text, strlen(cases[i].text), &err);
		if (rc == CD_OK)
			rc = cd_yaml_map_read(&y, cd_yaml_root(&y), f, &err);
		cr_expect_eq(rc, CD_E_MALFORMED, "case %zu", i);
		cr_expect(err && !strncmp(err, cases[i].want, strlen(cases[i].want)), "case %zu: %s", i,
			  err ? err : "(none)");
		free(a);
		free(err);
		cd_yaml_release(&y);
	}
}

Test(yaml, null_values_stay_absent_and_block_scalars_lose_their_newline)
{
	struct cd_yaml y;
	char *a = NULL, *b = NULL, *err = NULL;
	yaml_node_t *c = NULL;
	const struct cd_yaml_field f[] = {{"a", &a, NULL}, {"b", &b, NULL}, {"c", NULL, &c}, {NULL, NULL, NULL}};
	const char *t = "a: ~\nb: |\n  two\n  lines\nc: [1, 2]\n";
	cr_assert_eq(cd_yaml_load(&y, "t", t, strlen(t), &err), CD_OK);
	cr_assert_eq(cd_yaml_map_read(&y, cd_yaml_root(&y), f, &err), CD_OK, "%s", err ? err : "");
	cr_expect_null(a);
	cr_expect_str_eq(b, "two\nlines");
	cr_assert_not_null(c);
	cr_expect_eq(c->type, YAML_SEQUENCE_NODE);
	free(b);
	cd_yaml_release(&y);
}

Test(yaml, to_json_types_and_depth_limit)
{
	char *err = NULL, deep[400];
	size_t n = 0;
	const char *t = "i: 42\nn: ~\nt: true\ns: '42'\nl: [a, -3]\n";
	json_t *j = cd_yaml_to_json("t", t, strlen(t), &err);
	cr_assert_not_null(j, "%s", err ? err : "");
	cr_expect_eq(json_integer_value(json_object_get(j, "i")), 42);
	cr_expect(json_is_null(json_object_get(j, "n")));
	cr_expect(json_is_true(json_object_get(j, "t")));
	cr_expect_str_eq(json_string_value(json_object_get(j, "s")), "42");
	cr_expect_eq(json_integer_value(json_array_get(json_object_get(j, "l"), 1)), -3);
	json_decref(j);
	for (int d = 0; d <= CD_YAML_MAX_DEPTH + 1; d++)
		deep[n++] = '[';
	for (int d = 0; d <= CD_YAML_MAX_DEPTH + 1; d++)
		deep[n++] = ']';
	cr_expect_null(cd_yaml_to_json("deep", deep, n, &err));
	cr_expect(err && strstr(err, "nesting"), "%s", err ? err : "(none)");
	free(err);
}

/* names as encoded, shown whole and printable */
Test(util, visible_text_keeps_utf8_and_escapes_the_rest)
{
	static const uint8_t nul[] = "a\0b", bad[] = "\xff\xc3\xbc\x7f\xc2\x85", bmp[] = {0x00, 0x5a, 0x00, 0xfc},
			     surrogate[] = {0xd8, 0x00};
	char *t = cd_visible_text(nul, 3);
	cr_expect_str_eq(t, "a\\x00b");
	free(t);
	t = cd_visible_text(bad, 6);
	cr_expect_str_eq(t, "\\xff\xc3\xbc\\x7f\\xc2\\x85", "invalid bytes, DEL and C1 controls escaped: %s", t);
	free(t);
	t = cd_ucs_to_utf8(bmp, 4, 2);
	cr_expect_str_eq(t, "Z\xc3\xbc");
	free(t);
	cr_expect_null(cd_ucs_to_utf8(surrogate, 2, 2));
	cr_expect_null(cd_ucs_to_utf8(bmp, 3, 2), "an odd length is no BMPString");
	cr_expect_eq(cd_utf8_seq((const unsigned char *)"\xe2\x82", 2), 0, "a sequence cut by the end");
}

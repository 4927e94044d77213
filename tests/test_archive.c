/* test_archive.c - archives in the input (testdata/archives, made by testdata/gen/archives.sh):
 * every format yields its certificates with "outer!/inner" provenance and roles from the inner
 * paths, nesting, and the hostile archives (bomb, 1000-deep, absurd sizes, "../" names,
 * truncated, damaged, encrypted) each give their finding with bounded work and no crash. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "archive/archive.h"
#include "helpers.h"
#include "ingest/ingest.h"
#include "util/error.h"

static const char *arch(const char *name)
{
	static char buf[4][4096];
	static int i;
	i = (i + 1) % 4;
	snprintf(buf[i], sizeof(buf[i]), "%s/%s", src_path("testdata/archives"), name);
	return buf[i];
}

static void ingest(struct cd_model *m, const char *name)
{
	struct cd_ingest_opts o = {.infer_role = cd_role_infer, .infer_arg = test_role_tables()};
	cd_model_init(m);
	cr_assert_eq(cd_ingest_path(m, arch(name), &o), CD_OK, "%s", name);
}

static size_t count_events(const struct cd_model *m, const char *rule)
{
	size_t n = 0;
	for (size_t i = 0; i < m->n_events; i++)
		n += !strcmp(m->events[i].rule, rule);
	return n;
}

/* The event of rule whose path ends with suffix (NULL when none). */
static const struct cd_event *event_at(const struct cd_model *m, const char *rule,
				       const char *suffix)
{
	for (size_t i = 0; i < m->n_events; i++) {
		const struct cd_event *e = &m->events[i];
		size_t l = e->path ? strlen(e->path) : 0, s = strlen(suffix);
		if (!strcmp(e->rule, rule) && l >= s && !strcmp(e->path + l - s, suffix))
			return e;
	}
	return NULL;
}

/* The source whose path ends with suffix, over every object. */
static const struct cd_source *source_at(const struct cd_model *m, const char *suffix)
{
	size_t s = strlen(suffix);
	for (size_t i = 0; i < m->n_objects; i++)
		for (size_t k = 0; k < m->objects[i]->n_sources; k++) {
			const struct cd_source *src = &m->objects[i]->sources[k];
			size_t l = strlen(src->path);
			if (l >= s && !strcmp(src->path + l - s, suffix))
				return src;
		}
	return NULL;
}

static void log_events(const struct cd_model *m)
{
	for (size_t i = 0; i < m->n_events; i++)
		cr_log_info("event %s at %s: %s", m->events[i].rule, m->events[i].path,
			    m->events[i].message);
}

static void expect_role(const struct cd_source *s, enum cd_role_kind k, const char *name,
			const char *node, const char *what)
{
	cr_assert_not_null(s, "%s: no such source", what);
	cr_expect_eq(s->role.kind, k, "%s: role kind %d", what, s->role.kind);
	cr_expect_str_eq(s->role.name, name, "%s", what);
	cr_expect_str_eq(s->role.node, node, "%s", what);
}

Test(archive, every_format_yields_the_trust_stores_with_inner_provenance_and_roles)
{
	static const char *const files[] = {"trust-stores.zip",     "trust-stores.tar",
					    "trust-stores.tar.gz",  "trust-stores.tar.bz2",
					    "trust-stores.tar.xz",  "trust-stores.tar.zst",
					    "trust-stores.7z",      "trust-stores.cpio"};
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		struct cd_model m;
		char p[256];
		const struct cd_source *s;
		ingest(&m, files[i]);
		log_events(&m);
		/* root (twice: two stores), issuing, tomcat, CallManager */
		cr_expect_eq(m.n_objects, 4, "%s: %zu objects", files[i], m.n_objects);
		cr_expect_eq(m.n_events, 0, "%s: %zu events", files[i], m.n_events);
		cr_expect_eq(m.stats.archives, 1, "%s", files[i]);
		cr_expect_eq(m.stats.archive_members, 5, "%s", files[i]);
		snprintf(p, sizeof(p), "%s!/pub/tomcat-trust/root.pem", files[i]);
		s = source_at(&m, p);
		expect_role(s, CD_ROLE_TRUST, "tomcat-trust", "pub", p);
		cr_expect_str_eq(s->rel, "pub/tomcat-trust/root.pem", "%s", files[i]);
		snprintf(p, sizeof(p), "%s!/sub1/CallManager-trust/root.pem", files[i]);
		expect_role(source_at(&m, p), CD_ROLE_TRUST, "CallManager-trust", "sub1", p);
		snprintf(p, sizeof(p), "%s!/pub/tomcat/certs/tomcat.pem", files[i]);
		expect_role(source_at(&m, p), CD_ROLE_IDENTITY, "tomcat", "pub", p);
		snprintf(p, sizeof(p), "%s!/sub1/CallManager/certs/CallManager.pem", files[i]);
		expect_role(source_at(&m, p), CD_ROLE_IDENTITY, "CallManager", "sub1", p);
		cd_model_release(&m);
	}
}

/* Member names past ASCII (UTF-8 flagged zip names: a customer's "証明書/" or "Zertifikate –
 * München/" folder) were read in the C locale, which libarchive cannot convert them to: each
 * became "(no name)", and the roles its path gives were lost (no tomcat identity, no
 * tomcat-trust store, so the product rules stayed silent). */
Test(archive, member_names_past_ascii_keep_their_name_and_role)
{
	struct cd_model m;
	const char *tomcat = "names-utf8.zip!/\xe8\xa8\xbc\xe6\x98\x8e\xe6\x9b\xb8/tomcat.pem";
	const char *trust = "names-utf8.zip!/Zertifikate \xe2\x80\x93 M\xc3\xbcnchen/tomcat-trust/RootCA.pem";
	ingest(&m, "names-utf8.zip");
	log_events(&m);
	cr_expect_eq(m.n_objects, 2);
	expect_role(source_at(&m, tomcat), CD_ROLE_IDENTITY, "tomcat", "", tomcat);
	expect_role(source_at(&m, trust), CD_ROLE_TRUST, "tomcat-trust", "", trust);
	cd_model_release(&m);
}

Test(archive, one_compressed_file_is_named_after_what_it_holds)
{
	struct cd_model m;
	ingest(&m, "root.pem.gz"); /* gzip FNAME */
	cr_expect_eq(m.n_objects, 1);
	cr_expect_not_null(source_at(&m, "root.pem.gz!/root.pem"));
	cd_model_release(&m);
	ingest(&m, "root.pem.xz"); /* no name inside: the file name without .xz */
	cr_expect_eq(m.n_objects, 1);
	cr_expect_not_null(source_at(&m, "root.pem.xz!/root.pem"));
	cd_model_release(&m);
}

Test(archive, nested_archives_name_every_level)
{
	struct cd_model m;
	const struct cd_source *s;
	ingest(&m, "nested.zip");
	log_events(&m);
	cr_expect_eq(m.n_objects, 1);
	cr_expect_eq(m.n_events, 0);
	cr_expect_eq(m.stats.archives, 3);
	s = source_at(&m, "/nested.zip!/middle.tar.gz!/inner.zip!/pub/tomcat-trust/root.pem");
	expect_role(s, CD_ROLE_TRUST, "tomcat-trust", "pub", "nested");
	cr_expect_str_eq(s->rel, "pub/tomcat-trust/root.pem");
	cd_model_release(&m);
}

Test(archive, bids_by_content_not_by_name)
{
	size_t len;
	char *zip = read_all(arch("trust-stores.zip"), &len);
	char *pem = read_all(src_path("testdata/formats/root.pem"), NULL);
	char *der = read_all(src_path("testdata/formats/leaf.cer"), NULL);
	char *tar = read_all(arch("trust-stores.tar"), NULL);
	struct cd_model m;
	struct cd_source src;
	cr_assert(zip && pem && der && tar);
	cr_expect_eq(cd_archive_bid((uint8_t *)zip, len), CD_ARCHIVE_ZIP);
	cr_expect_eq(cd_archive_bid((uint8_t *)tar, 1024), CD_ARCHIVE_TAR);
	cr_expect_eq(cd_archive_bid((uint8_t *)pem, strlen(pem)), CD_ARCHIVE_NONE);
	cr_expect_eq(cd_archive_bid((uint8_t *)der, 64), CD_ARCHIVE_NONE);
	cr_expect_eq(cd_archive_bid((const uint8_t *)"PK", 2), CD_ARCHIVE_NONE);
	cr_expect_eq(cd_archive_bid(NULL, 0), CD_ARCHIVE_NONE);
	tar[100] ^= 1; /* the header checksum no longer adds up */
	cr_expect_eq(cd_archive_bid((uint8_t *)tar, 1024), CD_ARCHIVE_NONE);
	/* a zip named like a certificate is still opened */
	memset(&src, 0, sizeof(src));
	src.path = "upload/cert.pem";
	src.rel = "cert.pem";
	cd_model_init(&m);
	cr_expect_eq(cd_ingest_buffer(&m, (uint8_t *)zip, len, &src, NULL), CD_OK);
	cr_expect_eq(m.n_objects, 4);
	cr_expect_not_null(source_at(&m, "upload/cert.pem!/pub/tomcat-trust/root.pem"));
	cd_model_release(&m);
	free(zip);
	free(pem);
	free(der);
	free(tar);
}

Test(archive, an_explicit_role_covers_the_members)
{
	struct cd_model m;
	struct cd_role_spec spec = {0};
	struct cd_roles_opts ro = {test_role_tables(), &spec, 1, NULL};
	spec.path = (char *)arch("root.pem.gz");
	cr_assert_eq(cd_role_parse(test_role_tables(), "tomcat-trust@cucm1", &spec.role), CD_OK);
	cd_model_init(&m);
	cr_assert_eq(cd_ingest_path(&m, spec.path, NULL), CD_OK);
	cr_assert_eq(cd_roles_assign(&m, &ro), CD_OK);
	expect_role(source_at(&m, "root.pem.gz!/root.pem"), CD_ROLE_TRUST, "tomcat-trust", "cucm1",
		    "explicit");
	cd_model_release(&m);
}

Test(archive, zip_bomb_stops_at_the_ratio_limit)
{
	struct cd_model m;
	const struct cd_event *e;
	ingest(&m, "bomb.zip");
	log_events(&m);
	cr_expect_eq(m.n_objects, 1, "the certificate before the bomb is analysed");
	e = event_at(&m, "ingest.limit-reached", "bomb.zip!/zeros.bin");
	cr_assert_not_null(e);
	cr_expect(strstr(e->message, "bomb") != NULL, "%s", e->message);
	/* 60 MiB inside; inflating stops past 200 x 62 KB */
	cr_expect_lt(m.stats.inflated_bytes, 16UL * 1024 * 1024, "%llu",
		     (unsigned long long)m.stats.inflated_bytes);
	cd_model_release(&m);
}

Test(archive, nesting_1000_deep_stops_at_the_depth_limit)
{
	struct cd_model m;
	ingest(&m, "deep-1000.zip");
	log_events(&m);
	cr_expect_eq(m.n_objects, 0);
	cr_expect_eq(count_events(&m, "ingest.limit-reached"), 1);
	cr_expect_eq(m.n_events, 1);
	cr_expect_eq(m.stats.archives, CD_LIMIT_ARCHIVE_DEPTH + 1);
	cr_expect_not_null(event_at(&m, "ingest.limit-reached",
				    "deep-1000.zip!/level998.zip!/level997.zip!/level996.zip!/level995.zip!/"
				    "level994.zip!/level993.zip!/level992.zip!/level991.zip"));
	cd_model_release(&m);
}

Test(archive, absurd_declared_sizes_are_a_limit_not_an_allocation)
{
	struct cd_model m;
	ingest(&m, "absurd-size.zip");
	log_events(&m);
	cr_expect_eq(m.n_objects, 1);
	cr_expect_not_null(event_at(&m, "ingest.limit-reached", "absurd-size.zip!/big.pem"));
	cd_model_release(&m);
	ingest(&m, "absurd-size.tar");
	log_events(&m);
	cr_expect_eq(m.n_objects, 1);
	cr_expect_not_null(event_at(&m, "ingest.limit-reached", "absurd-size.tar!/huge.pem"));
	/* the 8 GiB are not there: the tar ends early, which is damage of its own */
	cr_expect_eq(count_events(&m, "ingest.unparseable"), 1);
	cd_model_release(&m);
}

Test(archive, long_member_names_are_a_limit)
{
	struct cd_model m;
	const struct cd_event *e = NULL;
	ingest(&m, "long-name.tar");
	log_events(&m);
	cr_expect_eq(m.n_objects, 1, "the member after it is analysed");
	cr_expect_eq(count_events(&m, "ingest.limit-reached"), 1);
	for (size_t i = 0; i < m.n_events; i++)
		e = &m.events[i];
	cr_assert_not_null(e);
	cr_expect(strlen(e->path) < 200, "the name is shortened in the report");
	cd_model_release(&m);
}

Test(archive, climbing_and_absolute_names_are_reported_and_analysed_inside)
{
	struct cd_model m;
	const struct cd_source *s;
	ingest(&m, "dotdot.zip");
	log_events(&m);
	cr_expect_eq(m.n_objects, 2);
	cr_expect_eq(count_events(&m, "archive.unsafe-path"), 2);
	s = source_at(&m, "dotdot.zip!/../../etc/tomcat-trust/root.pem");
	cr_assert_not_null(s);
	cr_expect_str_eq(s->rel, "etc/tomcat-trust/root.pem");
	cr_expect_eq(s->role.kind, CD_ROLE_TRUST);
	s = source_at(&m, "dotdot.zip!//abs/tomcat.pem");
	cr_assert_not_null(s);
	cr_expect_str_eq(s->rel, "abs/tomcat.pem");
	cd_model_release(&m);
	ingest(&m, "dotdot.tar");
	cr_expect_eq(m.n_objects, 1);
	cr_expect_not_null(event_at(&m, "archive.unsafe-path", "dotdot.tar!/../tomcat-trust/root.pem"));
	cd_model_release(&m);
}

Test(archive, a_damaged_member_does_not_lose_the_others)
{
	struct cd_model m;
	ingest(&m, "damaged-member.zip");
	log_events(&m);
	cr_expect_not_null(event_at(&m, "ingest.unparseable", "damaged-member.zip!/b/tomcat.pem"));
	cr_expect_eq(m.n_events, 1);
	cr_expect_not_null(source_at(&m, "damaged-member.zip!/a/root.pem"));
	cr_expect_not_null(source_at(&m, "damaged-member.zip!/c/root-again.pem"));
	cd_model_release(&m);
}

Test(archive, an_unsupported_compression_method_is_reported)
{
	struct cd_model m;
	ingest(&m, "unsupported-method.zip");
	log_events(&m);
	cr_expect_eq(m.n_objects, 1);
	cr_expect_not_null(event_at(&m, "ingest.unsupported", "unsupported-method.zip!/odd.pem"));
	cd_model_release(&m);
}

Test(archive, truncated_archives_keep_what_comes_before_the_cut)
{
	struct cd_model m;
	const struct cd_event *e;
	ingest(&m, "truncated.tar.gz");
	log_events(&m);
	cr_expect_eq(m.n_objects, 4);
	e = event_at(&m, "ingest.unparseable", "truncated.tar.gz!/zz-notes.txt");
	cr_assert_not_null(e);
	cr_expect(strstr(e->message, "truncated") != NULL, "%s", e->message);
	cd_model_release(&m);
	ingest(&m, "truncated.zip");
	log_events(&m);
	cr_expect_geq(m.n_objects, 2);
	cr_expect_geq(count_events(&m, "ingest.unparseable"), 1);
	for (size_t i = 0; i < m.n_events; i++)
		cr_expect(strstr(m.events[i].message, "truncated") != NULL, "%s", m.events[i].message);
	cd_model_release(&m);
}

Test(archive, encrypted_members_are_reported_and_the_rest_analysed)
{
	struct cd_model m;
	ingest(&m, "encrypted.zip");
	log_events(&m);
	cr_expect_eq(m.n_objects, 1);
	cr_expect_not_null(source_at(&m, "encrypted.zip!/plain.pem"));
	cr_expect_not_null(event_at(&m, "archive.encrypted-member", "encrypted.zip!/secret.pem"));
	cr_expect_eq(m.n_events, 1);
	cd_model_release(&m);
	ingest(&m, "encrypted-headers.7z");
	log_events(&m);
	cr_expect_eq(m.n_objects, 0);
	cr_expect_not_null(event_at(&m, "archive.encrypted-member", "encrypted-headers.7z"));
	cd_model_release(&m);
}

/* Every fixture cut at 31 lengths, and flipped at 31 places: never a crash, never a leak
 * (ASan), always CD_OK. */
Test(archive, cut_and_flipped_archives_never_crash)
{
	size_t n;
	char **names = list_dir(src_path("testdata/archives"), &n);
	cr_assert_not_null(names);
	for (size_t i = 0; i < n; i++) {
		size_t len;
		uint8_t *d;
		if (!strcmp(names[i], "bomb.zip") || !strcmp(names[i], "big-member.tar.gz") ||
		    !strcmp(names[i], "many-members.cpio.gz") ||
		    !strcmp(names[i], "README.txt")) /* each inflates 8-14 MiB a try */
			continue;
		d = (uint8_t *)read_all(arch(names[i]), &len);
		cr_assert_not_null(d);
		for (size_t k = 1; k < 32; k++) {
			struct cd_model m;
			struct cd_source src;
			size_t at = len * k / 32;
			memset(&src, 0, sizeof(src));
			src.path = names[i];
			src.rel = names[i];
			cd_model_init(&m);
			cr_expect_eq(cd_ingest_buffer(&m, d, at, &src, NULL), CD_OK);
			cd_model_release(&m);
			d[at] ^= 0xa5;
			cd_model_init(&m);
			cr_expect_eq(cd_ingest_buffer(&m, d, len, &src, NULL), CD_OK);
			cd_model_release(&m);
			d[at] ^= 0xa5;
		}
		free(d);
	}
	free_names(names, n);
}

Test(archive, a_compressed_cpio_is_opened_as_the_file_it_holds)
{
	struct cd_model m;
	const char *p = "trust-stores.cpio.gz!/trust-stores.cpio!/pub/tomcat-trust/root.pem";
	ingest(&m, "trust-stores.cpio.gz");
	log_events(&m);
	cr_expect_eq(m.n_objects, 4);
	cr_expect_eq(m.n_events, 0);
	expect_role(source_at(&m, p), CD_ROLE_TRUST, "tomcat-trust", "pub", p);
	cd_model_release(&m);
}

/* Regression (fuzz_archive): a cpio header declaring a 4 GiB name made libarchive reserve it. */
Test(archive, a_cpio_header_declaring_more_than_remains_is_truncation)
{
	struct cd_model m;
	const struct cd_event *e;
	ingest(&m, "cpio-huge-name.cpio");
	log_events(&m);
	cr_expect_eq(m.n_objects, 1, "the member before it is analysed");
	cr_expect_eq(m.n_events, 1);
	e = event_at(&m, "ingest.unparseable", "cpio-huge-name.cpio");
	cr_assert_not_null(e);
	cr_expect(strstr(e->message, "truncated cpio") != NULL, "%s", e->message);
	cd_model_release(&m);
}

/* A member over the size limit in a compressed stream is read and dropped, not skipped
 * inside libarchive, so the ratio limit still stops it. */
Test(archive, skipping_a_member_of_a_stream_is_still_bounded)
{
	struct cd_model m;
	ingest(&m, "big-member.tar.gz");
	log_events(&m);
	cr_expect_eq(m.n_objects, 1);
	cr_expect_eq(count_events(&m, "ingest.limit-reached"), 2, "declared size, then ratio");
	cr_expect_lt(m.stats.inflated_bytes, 40UL * 1024 * 1024);
	cd_model_release(&m);
}

/* Every fuzz seed and regression sample (fuzz/corpus/archive/regress-*: inputs fuzz_archive
 * once found a fault with) goes through ingest and the checks' model without fault. */
Test(archive, fuzz_corpus_and_regressions_ingest_cleanly)
{
	size_t n, regress = 0;
	char **names = list_dir(src_path("fuzz/corpus/archive"), &n);
	cr_assert_not_null(names);
	for (size_t i = 0; i < n; i++) {
		char path[4096];
		size_t len;
		uint8_t *d;
		struct cd_model m;
		struct cd_source src;
		snprintf(path, sizeof(path), "%s/%s", src_path("fuzz/corpus/archive"), names[i]);
		d = (uint8_t *)read_all(path, &len);
		cr_assert_not_null(d, "%s", names[i]);
		memset(&src, 0, sizeof(src));
		src.path = names[i];
		src.rel = names[i];
		cd_model_init(&m);
		cr_expect_eq(cd_ingest_buffer(&m, d, len, &src, NULL), CD_OK, "%s", names[i]);
		cd_model_release(&m);
		regress += !strncmp(names[i], "regress-", 8);
		free(d);
	}
	free_names(names, n);
	cr_expect_geq(regress, 1);
}

/* Regression (fuzz_archive): a walker that no libarchive format bids on reported the error
 * through archive_read_has_encrypted_entries(), which crashed with no format chosen. */
Test(archive, every_walker_refuses_what_is_not_its_format)
{
	static const uint8_t junk[] = "PK\003\004 this is not a zip, a tar, a 7z or a cpio at all";
	for (int f = CD_ARCHIVE_ZIP; f <= CD_ARCHIVE_ZSTD; f++) {
		struct cd_model m;
		struct cd_source src;
		memset(&src, 0, sizeof(src));
		src.path = "junk";
		src.rel = "junk";
		cd_model_init(&m);
		cr_expect_eq(cd_archive_ingest(&m, junk, sizeof(junk) - 1, (enum cd_archive_format)f, &src,
					       NULL),
			     CD_OK, "%s", cd_archive_format_name((enum cd_archive_format)f));
		cr_expect_eq(m.n_objects, 0);
		cr_expect_geq(m.n_events, 1, "%s", cd_archive_format_name((enum cd_archive_format)f));
		cd_model_release(&m);
	}
}

Test(archive, members_past_the_limit_are_a_finding)
{
	struct cd_model m;
	const struct cd_event *e;
	ingest(&m, "many-members.cpio.gz");
	log_events(&m);
	cr_expect_eq(m.n_events, 1);
	e = event_at(&m, "ingest.limit-reached", "many-members.cpio.gz!/many-members.cpio");
	cr_assert_not_null(e);
	cr_expect(strstr(e->message, "more than 100000 members") != NULL, "%s", e->message);
	cd_model_release(&m);
}

/* The command line: an archive is an input like a file, and the report names the member. */
Test(archive, the_report_names_the_member_inside_nested_archives)
{
	char *out = NULL;
	char *argv[] = {"certdiag", "scan", "--at", "2026-06-01T00:00:00Z", "--format", "json",
			"--fail-on", "never", (char *)arch("nested.zip"), (char *)arch("encrypted.zip"),
			NULL};
	cr_assert_eq(run_binary(argv, &out, NULL), 0);
	cr_assert_not_null(out);
	cr_expect(strstr(out, "nested.zip!/middle.tar.gz!/inner.zip!/pub/tomcat-trust/root.pem") != NULL);
	cr_expect(strstr(out, "\"archive.encrypted-member\"") != NULL);
	cr_expect(strstr(out, "encrypted.zip!/secret.pem") != NULL);
	free(out);
}

/* test_ingest.c - recognition by content of every format in testdata/formats (MANIFEST.tsv is
 * the table of what each file holds, written when the files were made), damaged input, and
 * provenance. */
#include <criterion/criterion.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "helpers.h"
#include "ingest/ingest.h"
#include "util/error.h"

static size_t count_kind_from(const struct cd_model *m, enum cd_kind k)
{
	size_t n = 0;
	for (size_t i = 0; i < m->n_objects; i++)
		n += m->objects[i]->kind == k;
	return n;
}

static size_t count_events(const struct cd_model *m, const char *rule)
{
	size_t n = 0;
	for (size_t i = 0; i < m->n_events; i++)
		n += !strcmp(m->events[i].rule, rule);
	return n;
}

Test(ingest, every_manifest_file_yields_what_it_holds)
{
	char *man = read_all(src_path("testdata/formats/MANIFEST.tsv"), NULL);
	char *save = NULL;
	size_t rows = 0, bad = 0;
	cr_assert_not_null(man);
	strtok_r(man, "\n", &save); /* header */
	for (char *l = strtok_r(NULL, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
		char file[512];
		unsigned want[7];
		struct cd_model m;
		char path[4096];
		if (sscanf(l, "%511[^\t]\t%u\t%u\t%u\t%u\t%u\t%u\t%u", file, &want[0], &want[1], &want[2],
			   &want[3], &want[4], &want[5], &want[6]) != 8)
			cr_assert_fail("bad manifest line: %s", l);
		snprintf(path, sizeof(path), "%s/%s", src_path("testdata/formats"), file);
		cd_model_init(&m);
		cr_assert_eq(cd_ingest_path(&m, path, NULL), 0, "%s", file);
		unsigned got[7] = {
			(unsigned)count_kind_from(&m, CD_KIND_CERT),   (unsigned)count_kind_from(&m, CD_KIND_CSR),
			(unsigned)count_kind_from(&m, CD_KIND_CRL),    (unsigned)count_kind_from(&m, CD_KIND_PKCS7),
			(unsigned)count_kind_from(&m, CD_KIND_PKCS12), (unsigned)count_kind_from(&m, CD_KIND_KEY),
			(unsigned)count_events(&m, "ingest.unparseable"),
		};
		if (memcmp(got, want, sizeof(got))) {
			bad++;
			cr_log_error("%s: want cert %u csr %u crl %u p7 %u p12 %u key %u damaged %u; got %u %u %u "
				     "%u %u %u %u",
				     file, want[0], want[1], want[2], want[3], want[4], want[5], want[6], got[0],
				     got[1], got[2], got[3], got[4], got[5], got[6]);
			for (size_t e = 0; e < m.n_events; e++)
				cr_log_error("   event %s: %s", m.events[e].rule, m.events[e].message);
		}
		rows++;
		cd_model_release(&m);
	}
	free(man);
	cr_expect_gt(rows, 40);
	cr_expect_eq(bad, 0, "%zu of %zu manifest files misread", bad, rows);
}

/* Files as Windows tools save them (testdata/encodings/byte-order-marks, MANIFEST.tsv): a UTF-8
 * byte-order mark before the armour (also inside a file, where two were concatenated) or before
 * unarmoured base64 is read past, as OpenSSL does; it read as "text file with no certificate"
 * (false, and the certificate unanalysed). UTF-16 text is not read, and says what it is. */
Test(ingest, byte_order_marks_are_read_past_and_utf16_is_named)
{
	char *man = read_all(src_path("testdata/encodings/byte-order-marks/MANIFEST.tsv"), NULL);
	char *save = NULL;
	size_t rows = 0;
	cr_assert_not_null(man);
	strtok_r(man, "\n", &save); /* header */
	for (char *l = strtok_r(NULL, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
		char file[512], path[4096];
		unsigned certs, csrs, unsupported;
		struct cd_model m;
		cr_assert_eq(sscanf(l, "%511[^\t]\t%u\t%u\t%u", file, &certs, &csrs, &unsupported), 4, "%s", l);
		snprintf(path, sizeof(path), "%s/%s", src_path("testdata/encodings/byte-order-marks"), file);
		cd_model_init(&m);
		cr_assert_eq(cd_ingest_path(&m, path, NULL), 0, "%s", file);
		cr_expect_eq(count_kind_from(&m, CD_KIND_CERT), certs, "%s: certificates", file);
		cr_expect_eq(count_kind_from(&m, CD_KIND_CSR), csrs, "%s: CSRs", file);
		cr_expect_eq(count_events(&m, "ingest.unsupported"), unsupported, "%s: unsupported", file);
		cr_expect_eq(count_events(&m, "ingest.unparseable"), 0, "%s: damaged", file);
		for (size_t e = 0; e < m.n_events; e++)
			if (!strcmp(m.events[e].rule, "ingest.unsupported"))
				cr_expect(strstr(m.events[e].message, "UTF-16 text holding PEM armour"),
					  "%s: %s", file, m.events[e].message);
		cd_model_release(&m);
		rows++;
	}
	cr_expect_eq(rows, 6);
	free(man);
}

/* Every certificate in the formats directory is one known to SHA256SUMS, so nothing was
 * decoded into a wrong object. */
Test(ingest, every_certificate_found_is_a_known_one)
{
	struct cd_model m;
	char *sums = read_all(src_path("testdata/formats/SHA256SUMS"), NULL);
	cr_assert_not_null(sums);
	cd_model_init(&m);
	cd_ingest_path(&m, src_path("testdata/formats"), NULL);
	for (size_t i = 0; i < m.n_objects; i++)
		if (m.objects[i]->kind == CD_KIND_CERT)
			cr_expect(strstr(sums, m.objects[i]->sha256_hex) != NULL, "unknown certificate %s from %s",
				  m.objects[i]->id, m.objects[i]->sources[0].path);
	cd_model_release(&m);
	free(sums);
}

Test(ingest, identical_objects_are_one_object_with_every_source)
{
	struct cd_model m;
	size_t roots = 0;
	cd_model_init(&m);
	cd_ingest_path(&m, src_path("testdata/formats"), NULL);
	for (size_t i = 0; i < m.n_objects; i++) {
		const struct cd_object *o = m.objects[i];
		if (o->kind != CD_KIND_CERT || !o->u.cert->self_signed)
			continue;
		roots++;
		/* root.pem, nested/root-copy.pem, trusted.pem, chain.pem, PKCS#7 bundles, ... */
		cr_expect_geq(o->n_sources, 4, "root seen in %zu places", o->n_sources);
		for (size_t s = 1; s < o->n_sources; s++)
			cr_expect(strcmp(o->sources[s].path, o->sources[0].path) || o->sources[s].offset != o->sources[0].offset ||
					  o->sources[s].pem_block != o->sources[0].pem_block ||
					  strcmp(o->sources[s].container, o->sources[0].container),
				  "the same place recorded twice");
	}
	cr_expect_geq(roots, 1);
	cd_model_release(&m);
}

Test(ingest, symlink_loop_is_reported_not_followed)
{
	struct cd_model m;
	int loop = 0;
	cd_model_init(&m);
	/* nested/loop -> ..: a loop inside testdata/formats (scanning only nested/, the link
	 * leaves the tree and is not followed for that reason: test_hostile.c) */
	cr_assert_eq(cd_ingest_path(&m, src_path("testdata/formats"), NULL), 0);
	for (size_t i = 0; i < m.n_events; i++)
		loop |= strstr(m.events[i].message, "loop") != NULL;
	cr_expect(loop, "no symlink loop event");
	cd_model_release(&m);
}

static const struct cd_event *first_event(const struct cd_model *m, const char *rule)
{
	for (size_t i = 0; i < m->n_events; i++)
		if (!strcmp(m->events[i].rule, rule))
			return &m->events[i];
	return NULL;
}

Test(ingest, bad_base64_names_the_byte_offset_of_the_bad_character)
{
	struct cd_model m;
	size_t len;
	const char *p = src_path("testdata/formats/bad-base64-char.pem");
	char *data = read_all(p, &len);
	const struct cd_event *e;
	cd_model_init(&m);
	cd_ingest_path(&m, p, NULL);
	e = first_event(&m, "ingest.unparseable");
	cr_assert_not_null(e);
	cr_assert(e->has_offset);
	cr_assert_lt(e->offset, len);
	cr_expect_eq(data[e->offset], '!', "offset %llu points at '%c'", (unsigned long long)e->offset,
		     data[e->offset]);
	free(data);
	cd_model_release(&m);
}

Test(ingest, truncated_der_is_reported_as_truncated_at_the_object)
{
	struct cd_model m;
	const struct cd_event *e;
	cd_model_init(&m);
	cd_ingest_path(&m, src_path("testdata/formats/truncated-half.der"), NULL);
	e = first_event(&m, "ingest.unparseable");
	cr_assert_not_null(e);
	cr_expect(strstr(e->message, "truncated certificate") != NULL, "%s", e->message);
	cr_expect_eq(e->offset, 0);
	cd_model_release(&m);
}

Test(ingest, good_block_before_a_truncated_one_is_kept)
{
	struct cd_model m;
	const struct cd_event *e;
	cd_model_init(&m);
	cd_ingest_path(&m, src_path("testdata/formats/good-then-truncated.pem"), NULL);
	cr_expect_eq(count_kind_from(&m, CD_KIND_CERT), 1);
	e = first_event(&m, "ingest.unparseable");
	cr_assert_not_null(e);
	cr_expect_eq(e->pem_block, 2);
	cd_model_release(&m);
}

Test(ingest, private_keys_are_never_kept)
{
	struct cd_model m;
	cd_model_init(&m);
	cd_ingest_path(&m, src_path("testdata/formats"), NULL);
	for (size_t i = 0; i < m.n_objects; i++)
		if (m.objects[i]->kind == CD_KIND_KEY) {
			cr_expect_null(m.objects[i]->der);
			cr_expect_eq(m.objects[i]->der_len, 0);
		}
	cd_model_release(&m);
}

Test(ingest, unencrypted_key_matches_its_certificate_by_public_key)
{
	struct cd_model m;
	const struct cd_object *key = NULL, *cert = NULL;
	cd_model_init(&m);
	cd_ingest_path(&m, src_path("testdata/formats/combined.pem"), NULL);
	key = last_of_kind(&m, CD_KIND_KEY);
	cert = last_of_kind(&m, CD_KIND_CERT);
	cr_assert(key && cert);
	cr_assert(key->u.key->key.known);
	cr_expect_eq(memcmp(key->u.key->key.spki_sha256, cert->u.cert->key.spki_sha256, 32), 0);
	cd_model_release(&m);
}

Test(ingest, pkcs7_children_carry_the_container_and_position)
{
	struct cd_model m;
	size_t kids = 0;
	cd_model_init(&m);
	cd_ingest_path(&m, src_path("testdata/formats/chain.p7b"), NULL);
	cr_assert_eq(count_kind_from(&m, CD_KIND_PKCS7), 1);
	for (size_t i = 0; i < m.n_objects; i++)
		if (m.objects[i]->kind == CD_KIND_CERT) {
			cr_expect_str_eq(m.objects[i]->sources[0].container, m.objects[0]->id);
			cr_expect_eq(m.objects[i]->sources[0].position, ++kids);
		}
	cr_expect_eq(kids, 3);
	cd_model_release(&m);
}

Test(ingest, buffer_api_reads_a_stream_of_anything_without_crashing)
{
	struct cd_model m;
	struct cd_source s;
	static const unsigned char junk[] = {0x30, 0x82, 0xff, 0xff, 0x30, 0x00, 0x02, 0x01};
	const char *pem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
	memset(&s, 0, sizeof(s));
	s.path = "mem";
	s.rel = "mem";
	cd_model_init(&m);
	cr_expect_eq(cd_ingest_buffer(&m, junk, sizeof(junk), &s, NULL), 0);
	cr_expect_eq(cd_ingest_buffer(&m, (const uint8_t *)pem, strlen(pem), &s, NULL), 0);
	cr_expect_eq(m.n_objects, 0);
	cr_expect_geq(count_events(&m, "ingest.unparseable"), 1);
	cd_model_release(&m);
}

/* A PEM block of another kind (OpenSSL's ecparam and dhparam output, as Python's test data
 * has it) is named by its label and skipped; the sentence read 'is a "EC PARAMETERS"'. */
Test(ingest, a_pem_block_of_another_kind_is_named_by_its_label)
{
	struct cd_model m;
	struct cd_source s;
	const struct cd_event *e;
	const char *pem = "-----BEGIN EC PARAMETERS-----\nBgUrgQQAIg==\n-----END EC PARAMETERS-----\n";
	memset(&s, 0, sizeof(s));
	s.path = s.rel = "secp384r1.pem";
	cd_model_init(&m);
	cr_expect_eq(cd_ingest_buffer(&m, (const uint8_t *)pem, strlen(pem), &s, NULL), 0);
	e = first_event(&m, "ingest.unsupported");
	cr_assert_not_null(e);
	cr_expect_str_eq(e->message, "PEM block 1 is labelled \"EC PARAMETERS\", not a certificate, CSR, CRL, "
				     "PKCS#7, PKCS#12 or private key: skipped");
	cr_expect_eq(m.n_objects, 0);
	cd_model_release(&m);
}

/* A path that is not there is an input error (issue 10), not an ingest event: no
 * ingest.unparseable finding with advice about damaged certificates. */
Test(ingest, missing_path_is_an_input_error_not_an_event)
{
	struct cd_model m;
	cd_model_init(&m);
	cr_expect_eq(cd_ingest_path(&m, "/nonexistent/certdiag-test", NULL), CD_E_IO);
	cr_expect_eq(m.n_events, 0);
	cr_assert_eq(m.n_input_errors, 1);
	cr_expect_str_eq(m.input_errors[0].path, "/nonexistent/certdiag-test");
	cr_expect_eq(m.input_errors[0].errnum, ENOENT);
	cd_model_release(&m);
}

/* Canonical names (RFC 5280 §7.1 comparison form) keep every attribute: a name must not
 * collapse onto another that merely shares its first attribute. */
Test(ingest, canonical_names_keep_every_attribute_and_fold_case)
{
	struct cd_model m;
	const struct cd_cert *leaf = NULL, *root = NULL;
	cd_model_init(&m);
	cd_ingest_path(&m, src_path("testdata/formats/chain.pem"), NULL);
	cr_assert_eq(m.n_objects, 3);
	leaf = m.objects[0]->u.cert;
	root = m.objects[2]->u.cert;
	cr_expect_str_neq(leaf->subject.canon, leaf->issuer.canon);
	cr_expect_str_neq(leaf->subject.canon, root->subject.canon);
	cr_expect_str_eq(root->subject.canon, root->issuer.canon);
	cr_expect(root->self_issued && root->self_signed);
	cr_expect(!leaf->self_issued);
	cr_expect(strstr(root->subject.canon, "2.5.4.3=") != NULL, "%s", root->subject.canon);
	/* each attribute type once: it read "2.5.4.62.5.4.6=us,2.5.4.102.5.4.10=..." */
	cr_expect_str_eq(root->subject.canon, "2.5.4.6=us,2.5.4.10=certdiag test,2.5.4.3=certdiag formats root ca");
	cr_expect(strstr(root->subject.canon, "certdiag") != NULL || strstr(root->subject.canon, "test") != NULL ||
			  strstr(root->subject.canon, "root") != NULL,
		  "values are kept, lower-cased: %s", root->subject.canon);
	cd_model_release(&m);
}

/* Java keystores (testdata/keystores, made by keytool: testdata/gen/keystores.sh): a JKS with a
 * private-key entry and its chain plus a trusted entry, a JCEKS trust store, and a JKS cut in
 * half. They were "binary file of no supported format"; Debian's Java cacerts is one. */
static const struct cd_source *source_at(const struct cd_object *o, const char *locator)
{
	for (size_t s = 0; s < o->n_sources; s++)
		if (o->sources[s].locator && strstr(o->sources[s].locator, locator))
			return &o->sources[s];
	return NULL;
}

Test(keystores, certificates_of_every_entry_are_read_and_named_by_entry_and_alias)
{
	struct cd_model m;
	size_t certs = 0, located = 0, keys = 0;
	const struct cd_event *e;
	cd_model_init(&m);
	cr_assert_eq(cd_ingest_path(&m, src_path("testdata/keystores/server.jks"), NULL), CD_OK);
	cr_assert_eq(cd_ingest_path(&m, src_path("testdata/keystores/truststore.jceks"), NULL), CD_OK);
	for (size_t i = 0; i < m.n_objects; i++) {
		const struct cd_object *o = m.objects[i];
		if (o->kind == CD_KIND_KEY)
			keys++;
		if (o->kind != CD_KIND_CERT)
			continue;
		certs++;
		if (o->u.cert->subject.cn && !strcmp(o->u.cert->subject.cn, "cvp.example.com"))
			located += source_at(o, "server.jks, entry 1 \"tomcat\", private key, chain position 1") != NULL;
		if (o->u.cert->subject.cn && !strcmp(o->u.cert->subject.cn, "Example Keystore CA"))
			located += source_at(o, "server.jks, entry 1 \"tomcat\", private key, chain position 2") &&
				   source_at(o, "\"exampleca\", trusted certificate") &&
				   source_at(o, "truststore.jceks, entry ");
		if (o->u.cert->subject.cn && !strcmp(o->u.cert->subject.cn, "Example Old Root"))
			located += source_at(o, "truststore.jceks, entry ") && strstr(source_at(o, "truststore")->locator,
										   "\"oldroot\", trusted certificate");
	}
	cr_expect_eq(certs, 3, "the server, its CA and the old root: %zu", certs);
	cr_expect_eq(located, 3, "every certificate at its entries");
	cr_expect_eq(keys, 1, "the private key entry, encrypted, counted");
	e = first_event(&m, "ingest.private-key");
	cr_assert_not_null(e);
	cr_expect(strstr(e->message, "Java keystore private key (encrypted) found: server.jks, entry 1 \"tomcat\""), "%s",
		  e->message);
	cr_expect_null(first_event(&m, "ingest.unparseable"));
	cr_expect_null(first_event(&m, "ingest.unsupported"));
	cd_model_release(&m);
}

Test(keystores, a_keystore_cut_short_names_the_entry_and_its_offset)
{
	struct cd_model m;
	const struct cd_event *e;
	cd_model_init(&m);
	cr_assert_eq(cd_ingest_path(&m, src_path("testdata/keystores/truncated.jks"), NULL), CD_OK);
	e = first_event(&m, "ingest.unparseable");
	cr_assert_not_null(e);
	cr_expect(e->has_offset && e->offset == 12, "offset %llu", (unsigned long long)e->offset);
	cr_expect(strstr(e->message, "truncated.jks: entry 1 (from offset 12) runs past the end of the file"), "%s",
		  e->message);
	cd_model_release(&m);
}

/* test_chains.c - chain engine properties the rule cases cannot show: evidence details, each
 * edge verified once, loops terminate. */
#include <criterion/criterion.h>
#include <string.h>
#include "helpers.h"

static const struct cd_finding *first_of(const struct cd_scan *s, const char *rule)
{
	for (size_t i = 0; i < s->report.n_findings; i++)
		if (!strcmp(s->report.findings[i].rule->id, rule))
			return &s->report.findings[i];
	return NULL;
}

Test(chains, incomplete_names_the_issuer_key_held_under_another_name)
{
	struct cd_scan s;
	const char *p[] = {src_path("testdata/chains/renamed-ca")};
	const struct cd_finding *f;
	json_t *same;
	scan_paths(&s, p, 1, "2026-06-01T00:00:00Z");
	f = first_of(&s, "chain.incomplete");
	cr_assert_not_null(f, "no chain.incomplete");
	cr_expect(strstr(f->message, "Example Issuing CA") != NULL, "%s", f->message);
	same = json_object_get(f->evidence, "same_key_other_name");
	cr_assert(json_is_array(same) && json_array_size(same) == 1, "evidence: %s",
		  json_dumps(f->evidence, 0));
	for (size_t i = 0; i < s.model.n_objects; i++)
		if (s.model.objects[i]->kind == CD_KIND_CERT &&
		    !strcmp(s.model.objects[i]->u.cert->subject.cn, "Example Issuing CA 2026"))
			cr_expect_str_eq(json_string_value(json_array_get(same, 0)), s.model.objects[i]->id);
	cd_scan_release(&s);
}

Test(chains, every_edge_is_verified_once)
{
	struct cd_scan s;
	/* the demo bundle: one issuing CA under several stores and nodes, many leaves */
	const char *p[] = {src_path("testdata/demo")};
	size_t edges = 0;
	scan_paths(&s, p, 1, "2026-11-22T00:00:00Z");
	cr_assert_gt(s.chains.n_chains, 1);
	/* distinct (subject, issuer) pairs on every path found */
	for (size_t i = 0; i < s.chains.n_chains; i++)
		for (size_t k = 0; k < s.chains.chains[i].n_paths; k++) {
			const struct cd_path *pt = &s.chains.chains[i].paths[k];
			for (size_t e = 0; e + 1 < pt->n; e++) {
				int seen = 0;
				for (size_t j = 0; j <= i && !seen; j++)
					for (size_t q = 0; q < s.chains.chains[j].n_paths && !seen; q++) {
						const struct cd_path *o = &s.chains.chains[j].paths[q];
						if (j == i && q >= k)
							break;
						for (size_t x = 0; x + 1 < o->n; x++)
							seen |= o->certs[x] == pt->certs[e] && o->certs[x + 1] == pt->certs[e + 1];
					}
				for (size_t x = 0; x < e && !seen; x++)
					seen |= pt->certs[x] == pt->certs[e] && pt->certs[x + 1] == pt->certs[e + 1];
				edges += !seen;
			}
		}
	cr_expect_eq(s.chains.verifications, edges, "%lu verifications for %zu distinct edges",
		     s.chains.verifications, edges);
	cd_scan_release(&s);
}

Test(chains, a_loop_of_cross_certified_cas_terminates_as_incomplete)
{
	struct cd_scan s;
	const char *p[] = {src_path("testdata/rules/chain.incomplete/fires-loop/input")};
	scan_paths(&s, p, 1, "2026-06-01T00:00:00Z");
	cr_assert_eq(s.chains.n_chains, 1);
	cr_expect(!s.chains.chains[0].limited);
	for (size_t k = 0; k < s.chains.chains[0].n_paths; k++)
		cr_expect(s.chains.chains[0].paths[k].problems & CD_P_INCOMPLETE);
	cd_scan_release(&s);
}

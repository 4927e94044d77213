/* rule_case.h - the rule-case runner (tests/rule_case.c); scripts/gen-rule-case-tests.py makes
 * one Criterion test per case directory that calls it. */
#ifndef CD_TESTS_RULE_CASE_H
#define CD_TESTS_RULE_CASE_H

/* Run testdata/rules/<rule>/<cname>/ and assert its expected findings and result. */
void cd_test_rule_case(const char *rule, const char *cname);

#endif

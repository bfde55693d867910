/* test_values.c — runtime/core/value.h: reference counting, immortal constants,
 * ownership of container items, and structural equality. */
#include <stdlib.h>
#include <string.h>
#include <check.h>
#include "value.h"

START_TEST(test_refcount)
{
    Value *v = val_rat_si(7);
    ck_assert_int_eq(v->refcount, 1);
    ck_assert_ptr_eq(val_ref(v), v);
    ck_assert_int_eq(v->refcount, 2);
    val_unref(v);
    ck_assert_int_eq(v->refcount, 1);
    val_unref(v);
    val_unref(NULL); /* allowed */
}
END_TEST

START_TEST(test_immortal)
{
    Value *n = val_nil(), *t = val_bool(1), *f = val_bool(0);
    ck_assert_int_eq(n->kind, VAL_NIL);
    ck_assert_int_eq(t->kind, VAL_BOOL);
    ck_assert(n->refcount < 0 && t->refcount < 0 && f->refcount < 0);
    for (int i = 0; i < 10; i++) {
        val_unref(n);
        val_unref(t);
        val_unref(f);
    }
    ck_assert_ptr_eq(val_nil(), n);
    ck_assert_ptr_eq(val_bool(5), t);
    ck_assert(val_truthy(t) && !val_truthy(f));
}
END_TEST

START_TEST(test_containers_own_items)
{
    Value *item = val_cstr("abc");
    val_ref(item); /* we keep one reference */
    Value *l = val_list_new(2);
    val_list_set(l, 0, item); /* steals one */
    val_list_set(l, 1, val_rat_si(2));
    ck_assert_int_eq(item->refcount, 2);
    Value *r = val_record_new(NULL, 1);
    val_record_set(r, 0, "x", val_ref(l));
    ck_assert_int_eq(l->refcount, 2);
    val_unref(l);
    val_unref(r); /* frees l, drops its item ref */
    ck_assert_int_eq(item->refcount, 1);
    ck_assert_int_eq(item->u.str.len, 3);
    val_unref(item);
}
END_TEST

START_TEST(test_equal_rationals)
{
    fmpq_t q;
    fmpq_init(q);
    fmpq_set_si(q, 2, 4); /* canonicalised to 1/2 */
    fmpq_canonicalise(q);
    Value *a = val_rat(q), *b = val_rat_si(1);
    ck_assert(!val_equal(a, b));
    fmpq_set_si(q, 1, 2);
    Value *c = val_rat(q);
    ck_assert(val_equal(a, c));
    ck_assert(val_is_integer(b) && !val_is_integer(a));
    long out = 0;
    ck_assert(val_get_long(b, &out) && out == 1);
    ck_assert(!val_get_long(a, &out));
    Value *e = val_cstr("");
    ck_assert_str_eq(val_kind_name(e), "string");
    val_unref(e);
    val_unref(a);
    val_unref(b);
    val_unref(c);
    fmpq_clear(q);
}
END_TEST

START_TEST(test_equal_structures)
{
    Value *s1 = val_cstr("a\"b"), *s2 = val_str("a\"bc", 3), *s3 = val_cstr("a");
    ck_assert(val_equal(s1, s2));
    ck_assert(!val_equal(s1, s3));
    Value *l1 = val_list_new(2), *l2 = val_list_new(2), *l3 = val_list_new(1);
    val_list_set(l1, 0, val_rat_si(1));
    val_list_set(l1, 1, val_ref(s1));
    val_list_set(l2, 0, val_rat_si(1));
    val_list_set(l2, 1, val_ref(s2));
    val_list_set(l3, 0, val_rat_si(1));
    ck_assert(val_equal(l1, l2));
    ck_assert(!val_equal(l1, l3));
    ck_assert(!val_equal(l1, s1)); /* different kinds */
    Value *m1 = val_mat_new(2, 2), *m2 = val_mat_new(2, 2), *m3 = val_mat_new(2, 3);
    fmpq_set_si(fmpq_mat_entry(m1->u.m, 0, 1), 3, 4);
    fmpq_set_si(fmpq_mat_entry(m2->u.m, 0, 1), 3, 4);
    ck_assert(val_equal(m1, m2));
    ck_assert(!val_equal(m1, m3)); /* shapes differ */
    fmpq_set_si(fmpq_mat_entry(m2->u.m, 1, 1), 1, 1);
    ck_assert(!val_equal(m1, m2));
    Value *r1 = val_record_new(NULL, 1), *r2 = val_record_new(NULL, 1);
    val_record_set(r1, 0, "a", val_rat_si(1));
    val_record_set(r2, 0, "a", val_rat_si(1));
    ck_assert(val_equal(r1, r2));
    ck_assert(val_equal(val_nil(), val_nil()));
    ck_assert(!val_equal(val_nil(), val_bool(0)));
    Value *vals[] = {s1, s2, s3, l1, l2, l3, m1, m2, m3, r1, r2};
    for (size_t i = 0; i < sizeof vals / sizeof *vals; i++)
        val_unref(vals[i]);
}
END_TEST

START_TEST(test_error_values)
{
    Value *e = val_error(NULL, "bad %d", 42);
    ck_assert(val_is_error(e));
    ck_assert_str_eq(e->u.err.msg, "bad 42");
    Span sp;
    memset(&sp, 0, sizeof sp);
    e = val_error_push_frame(e, "f", &sp);
    ck_assert_int_eq(e->u.err.nframes, 1);
    ck_assert_str_eq(e->u.err.frames[0].name, "f");
    ck_assert(!val_is_error(val_nil()));
    val_unref(e);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("values");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_refcount);
    tcase_add_test(tc, test_immortal);
    tcase_add_test(tc, test_containers_own_items);
    tcase_add_test(tc, test_equal_rationals);
    tcase_add_test(tc, test_equal_structures);
    tcase_add_test(tc, test_error_values);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

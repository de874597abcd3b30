from otter.test_files import test_case

OK_FORMAT = False

name = "q5"
points = 3

@test_case(points=0, hidden=False)
def test_audit_answers_have_the_right_form(n_rounded, latest_exact, latest_exact_by, audit_q5):
    import numbers
    for name, value in [('n_rounded', n_rounded), ('latest_exact', latest_exact)]:
        assert value is not ..., f'{name} is still ...: replace the ... with a pandas expression'
        assert not hasattr(value, 'iloc'), f'{name} is a pandas Series, not one number: count with .sum(), or pick one row with .iloc[-1]'
        assert isinstance(value, numbers.Integral) and (not isinstance(value, bool)), f'{name} should be a whole number, not a {type(value).__name__}'
    assert isinstance(latest_exact_by, str), f'latest_exact_by should be a name (text) from the stated_by column, not a {type(latest_exact_by).__name__}'
    assert audit_q5 in ['A', 'B', 'C', 'D'], f'audit_q5 is {audit_q5!r}: it should be one capital letter in quotes, e.g. "A"'


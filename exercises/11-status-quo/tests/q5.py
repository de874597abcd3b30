from otter.test_files import test_case

OK_FORMAT = False

name = "q5"
points = 3

@test_case(points=0, hidden=False)
def test_audit_answers_have_the_right_form(n_known, n_later, verdict_q5):
    import numbers
    for name, value in [('n_known', n_known), ('n_later', n_later)]:
        assert value is not ..., f'{name} is still ...: count rows of events'
        assert not hasattr(value, 'index'), f'{name} is a pandas Series, not one number: count with .sum() on a True/False column, or len()'
        assert isinstance(value, numbers.Integral) and (not isinstance(value, bool)), f'{name} should be a whole number (a count of events), not a {type(value).__name__}'
        assert value > 0, f'{name} should count at least one event of 2025'
    assert verdict_q5 in ['A', 'B', 'C', 'D'], f'verdict_q5 is {verdict_q5!r}: it should be one capital letter in quotes, e.g. "A"'


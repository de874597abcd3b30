from otter.test_files import test_case

OK_FORMAT = False

name = "q4"
points = 3

@test_case(points=0, hidden=False)
def test_audit_answers_have_the_right_form(n_outlets, n_speakers, verdict_q4):
    import numbers
    from sinorussia import data
    for name, value in [('n_outlets', n_outlets), ('n_speakers', n_speakers)]:
        assert value is not ..., f'{name} is still ...: count the different values of a column of dual'
        assert not hasattr(value, 'index'), f'{name} is a pandas Series, not one number: use .nunique() on one column'
        assert isinstance(value, numbers.Integral) and (not isinstance(value, bool)), f'{name} should be a whole number (a count), not a {type(value).__name__}'
        assert value >= 1, f'{name} should count at least one source'
        assert value != len(data.load('dual_use_shares')), f'{name} counts rows: count the different values, with .nunique()'
    assert n_outlets >= n_speakers, 'n_outlets and n_speakers look swapped: source_publisher holds the outlets, stated_by the speakers'
    assert verdict_q4 in ['A', 'B', 'C', 'D'], f'verdict_q4 is {verdict_q4!r}: it should be one capital letter in quotes, e.g. "A"'
    why_not = {'A': 'Compare n_outlets with n_speakers: outlets repeating the same speakers are not independent', 'B': 'A figure that stays the same is repeated, which is not evidence that it is false', 'C': 'Which column says the figures come from customs statistics? Read stated_by and note'}
    assert verdict_q4 not in why_not, why_not.get(verdict_q4, '')


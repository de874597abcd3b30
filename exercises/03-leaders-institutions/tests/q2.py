from otter.test_files import test_case

OK_FORMAT = False

name = "q2"
points = 1

@test_case(points=0, hidden=False)
def test_member_counts_are_whole_numbers(brics_confirmed, n_both):
    import numbers
    from sinorussia import data
    for name, value in [('brics_confirmed', brics_confirmed), ('n_both', n_both)]:
        assert value is not ..., f'{name} is still ...: count the rows or the names'
        assert isinstance(value, numbers.Integral) and (not isinstance(value, bool)), f'{name} should be a whole number, not a {type(value).__name__}: use len()'
    brics = data.load('brics_membership')
    assert brics_confirmed < len(brics), 'brics_confirmed counts every row: leave out the row whose membership_status is ambiguous'
    assert brics_confirmed != (brics['membership_status'] == 'full_member').sum(), 'brics_confirmed leaves out the founding members: they are members too'
    assert 0 < n_both <= brics_confirmed, 'n_both counts countries in both groups: it should be positive and at most the BRICS count'
    assert n_both != len(data.load('sco_membership')), 'n_both counts every SCO member: keep only the countries that are also in BRICS'


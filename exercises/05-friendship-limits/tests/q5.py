from otter.test_files import test_case

OK_FORMAT = False

name = "q5"
points = 3

@test_case(points=0, hidden=False)
def test_sums_have_the_right_form(sum_reported, sum_low, audit_q5):
    import numbers
    from sinorussia import data
    for name, value in [('sum_reported', sum_reported), ('sum_low', sum_low)]:
        assert value is not ..., f'{name} is still ...: add two values of the area_km2 column'
        assert not hasattr(value, 'iloc'), f'{name} is a pandas Series, not one number: pick each area with .item()'
        assert isinstance(value, numbers.Real) and (not isinstance(value, bool)), f'{name} should be a number, not a {type(value).__name__}'
    land = data.load('territory_ceded')
    assert abs(sum_reported - land['area_km2'].sum()) > 1, "sum_reported adds every row, the stated total and both Aigun estimates included: add the two treaties' own rows"
    both_aigun = land.loc[land['treaty'] == 'aigun', 'area_km2'].sum()
    assert abs(sum_low - both_aigun) > 1, 'sum_low adds the two Aigun estimates, which measure the same land: add one Aigun row and the Peking row'
    assert sum_low < sum_reported, 'sum_low should use the smaller estimate of the Aigun cession: check which Aigun row each sum uses'
    assert audit_q5 in ['A', 'B', 'C', 'D'], f'audit_q5 is {audit_q5!r}: it should be one capital letter in quotes, e.g. "A"'
    why_not = {'A': 'more than 600,000 plus about 400,000 is not more than a million: the about may be a little under', 'B': 'Look at your two sums: are they under half a million?', 'C': 'Read area_qualifier: the figures are about, more than, or converted'}
    assert audit_q5 not in why_not, why_not.get(audit_q5, '')


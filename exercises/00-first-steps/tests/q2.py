from otter.test_files import test_case

OK_FORMAT = False

name = "q2"
points = 2

@test_case(points=0, hidden=False)
def test_growth_figures_are_numbers(change_pct, avg_growth_pct):
    import numbers
    for name, value in [('change_pct', change_pct), ('avg_growth_pct', avg_growth_pct)]:
        assert value is not ..., f'{name} is still ...: replace the ... with a computation on totals'
        assert not hasattr(value, 'iloc'), f'{name} is a pandas Series, not one number: pick the two years with totals[2014] and totals[2024]'
        assert isinstance(value, numbers.Real) and (not isinstance(value, bool)), f'{name} should be a number, not a {type(value).__name__}'

@test_case(points=0, hidden=False)
def test_growth_figures_avoid_the_two_traps(change_pct, avg_growth_pct):
    import numbers
    from sinorussia import data
    assert all((isinstance(v, numbers.Real) for v in (change_pct, avg_growth_pct))), 'Make change_pct and avg_growth_pct numbers first (see the test above)'
    trade = data.load('trade_usd')
    totals = trade[trade['flow'] == 'total'].set_index('year')['value_usd_bn']
    start, end = (totals[2014], totals[2024])
    assert abs(change_pct - (end - start) / start) > 0.005, 'change_pct is a fraction: multiply by 100 to get a percent'
    assert abs(change_pct - 100 * (end - start) / end) > 0.05, 'change_pct is divided by the final value: a percentage change is divided by the starting value'
    assert abs(avg_growth_pct - ((end / start) ** (1 / (2024 - 2014)) - 1)) > 0.0005, 'avg_growth_pct is a fraction: multiply by 100 to get percent a year'
    simple = 100 * (end - start) / start / (2024 - 2014)
    assert abs(avg_growth_pct - simple) > 0.05, 'avg_growth_pct is a simple average (the change divided by the years): the yearly rate compounds, so take a root'
    one_more = 100 * ((end / start) ** (1 / (2024 - 2014 + 1)) - 1)
    assert abs(avg_growth_pct - one_more) > 0.05, 'avg_growth_pct counts one year too many: how many years of growth lie between 2014 and 2024?'


from otter.test_files import test_case

OK_FORMAT = False

name = "q1"
points = 2

@test_case(points=0, hidden=False)
def test_growth_figures_are_numbers(growth_usd_bn, growth_usd_pct):
    import numbers
    for name, value in [('growth_usd_bn', growth_usd_bn), ('growth_usd_pct', growth_usd_pct)]:
        assert value is not ..., f'{name} is still ...: replace the ... with a pandas expression'
        assert not hasattr(value, 'index'), f'{name} is a pandas Series, not one number: pick a single value, e.g. totals[2023] or .item()'
        assert isinstance(value, numbers.Real) and (not isinstance(value, bool)), f'{name} should be a number, not a {type(value).__name__}: compute it, do not type it in quotes'

@test_case(points=0, hidden=False)
def test_growth_pct_is_a_percentage(growth_usd_bn, growth_usd_pct):
    import numbers
    from sinorussia import data
    assert all((isinstance(v, numbers.Real) for v in (growth_usd_bn, growth_usd_pct))), 'Make growth_usd_bn and growth_usd_pct numbers first (see the test above)'
    assert growth_usd_bn > 0, 'Trade grew from 2022 to 2023: subtract the 2022 total from the 2023 total, not the other way round'
    assert growth_usd_pct > 1, 'growth_usd_pct looks like a fraction: multiply by 100 to get percent'
    yuan = data.load('trade_cny').query("flow == 'total'").set_index('year')['reported_yoy_pct']
    assert abs(growth_usd_pct - yuan[2023]) > 0.05, 'That is the growth of trade measured in yuan, the rate the article quotes: compute the growth in dollars from value_usd_bn'
    by_year = data.load('trade_usd').query("flow == 'total'").set_index('year')['value_usd_bn']
    assert abs(growth_usd_bn - (by_year[2022] - by_year[2021])) > 0.01, 'That is the growth from 2021 to 2022, one year too early: use the 2022 and 2023 totals'
    assert abs(growth_usd_pct - 100 * growth_usd_bn / by_year[2023]) > 0.01, 'You divided by the 2023 total: a growth rate is measured against the starting year'


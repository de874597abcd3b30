from otter.test_files import test_case

OK_FORMAT = False

name = "q1"
points = 2

@test_case(points=0, hidden=False)
def test_change_figures_are_numbers(change_2025_bn, change_2025_pct):
    import numbers
    for name, value in [('change_2025_bn', change_2025_bn), ('change_2025_pct', change_2025_pct)]:
        assert value is not ..., f'{name} is still ...: replace the ... with a pandas expression'
        assert not hasattr(value, 'index'), f'{name} is a pandas Series, not one number: pick a single value, e.g. totals[2025]'
        assert isinstance(value, numbers.Real) and (not isinstance(value, bool)), f'{name} should be a number, not a {type(value).__name__}: compute it, do not type it in quotes'

@test_case(points=0, hidden=False)
def test_change_has_the_right_sign_and_unit(change_2025_bn, change_2025_pct):
    import numbers
    from sinorussia import data
    assert all((isinstance(v, numbers.Real) for v in (change_2025_bn, change_2025_pct))), 'Make change_2025_bn and change_2025_pct numbers first (see the test above)'
    by_year = data.load('trade_usd').query("flow == 'total'").set_index('year')['value_usd_bn']
    yuan = data.load('trade_cny').query("flow == 'total'").set_index('year')['reported_yoy_pct']
    assert abs(change_2025_pct - yuan[2025]) > 0.01, 'That is the change of trade measured in yuan: compute the change in dollars from value_usd_bn'
    assert abs(change_2025_bn - (by_year[2024] - by_year[2023])) > 0.01, 'That is the change from 2023 to 2024, one year too early: use the 2024 and 2025 totals'
    assert change_2025_bn < 0, 'Trade fell in 2025: compute the 2025 total minus the 2024 total, so that a fall is negative'
    assert change_2025_pct < -1, 'change_2025_pct looks like a fraction, or has the wrong sign: multiply by 100, and keep the minus sign of a fall'
    assert abs(change_2025_pct - 100 * change_2025_bn / by_year[2025]) > 0.01, 'You divided by the 2025 total: a change is measured against the starting year'


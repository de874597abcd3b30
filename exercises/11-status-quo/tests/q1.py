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
    assert all((isinstance(v, numbers.Real) for v in (change_2025_bn, change_2025_pct))), 'Make change_2025_bn and change_2025_pct numbers first (see the test above)'
    assert change_2025_bn < 0, 'Trade fell in 2025: compute the 2025 total minus the 2024 total, so that a fall is negative'
    assert change_2025_pct < -1, 'change_2025_pct looks like a fraction, or has the wrong sign: multiply by 100, and keep the minus sign of a fall'


from otter.test_files import test_case

OK_FORMAT = False

name = "q1"
points = 2

@test_case(points=0, hidden=False)
def test_crude_figures_are_numbers(crude_growth_pct, usd_per_tonne_2024):
    import numbers
    for name, value in [('crude_growth_pct', crude_growth_pct), ('usd_per_tonne_2024', usd_per_tonne_2024)]:
        assert value is not ..., f'{name} is still ...: replace the ... with a pandas expression'
        assert not hasattr(value, 'index'), f'{name} is a pandas Series, not one number: pick one year and one measure, e.g. with .loc[year, measure]'
        assert isinstance(value, numbers.Real) and (not isinstance(value, bool)), f'{name} should be a number, not a {type(value).__name__}: compute it, do not type it in quotes'

@test_case(points=0, hidden=False)
def test_crude_figures_have_plausible_units(crude_growth_pct, usd_per_tonne_2024):
    import numbers
    assert all((isinstance(v, numbers.Real) for v in (crude_growth_pct, usd_per_tonne_2024))), 'Make crude_growth_pct and usd_per_tonne_2024 numbers first (see the test above)'
    assert crude_growth_pct > 1, 'crude_growth_pct: volumes rose from 2019 to 2024; if yours is a small fraction, multiply by 100 to get percent'
    assert 100 < usd_per_tonne_2024 < 2000, 'usd_per_tonne_2024 is not a plausible oil price per tonne: divide value by volume, and convert billions of dollars and millions of tonnes to dollars and tonnes'


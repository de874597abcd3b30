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
    from sinorussia import data
    assert all((isinstance(v, numbers.Real) for v in (crude_growth_pct, usd_per_tonne_2024))), 'Make crude_growth_pct and usd_per_tonne_2024 numbers first (see the test above)'
    assert crude_growth_pct > 1, 'crude_growth_pct: volumes rose from 2019 to 2024; if yours is a small fraction, multiply by 100 to get percent'
    assert 100 < usd_per_tonne_2024 < 2000, 'usd_per_tonne_2024 is not a plausible oil price per tonne: divide value by volume, and convert billions of dollars and millions of tonnes to dollars and tonnes'
    table = data.load('crude_imports_from_russia').pivot(index='year', columns='measure', values='value')
    tonnes, dollars = (table['volume_mt'], table['value_usd_bn'])
    assert abs(crude_growth_pct - 100 * (tonnes[2024] / tonnes[2020] - 1)) > 0.01, 'That counts from 2020, one year late: the question starts in 2019'
    assert abs(crude_growth_pct - 100 * (tonnes[2024] - tonnes[2019]) / tonnes[2024]) > 0.01, 'You divided by the 2024 volume: a growth rate is measured against the starting year'
    assert abs(usd_per_tonne_2024 - 1000 * dollars[2023] / tonnes[2023]) > 0.5, 'That is the 2023 price: use the 2024 rows'


from otter.test_files import test_case

OK_FORMAT = False

name = "q1"
points = 2

@test_case(points=0, hidden=False)
def test_crude_figures_have_the_right_form(growth_2023_pct, years_first):
    import numbers
    from sinorussia import data
    assert growth_2023_pct is not ..., 'growth_2023_pct is still ...: replace the ... with a pandas expression'
    assert not hasattr(growth_2023_pct, 'index'), 'growth_2023_pct is a pandas Series, not one number: pick single values, e.g. volume[2023]'
    assert isinstance(growth_2023_pct, numbers.Real) and (not isinstance(growth_2023_pct, bool)), f'growth_2023_pct should be a number, not a {type(growth_2023_pct).__name__}'
    assert growth_2023_pct > 1, 'growth_2023_pct looks like a fraction, or a fall: it is a growth in percent (multiply by 100), from 2022 to 2023'
    assert years_first is not ..., 'years_first is still ...: count the rows where Russia ranks 1'
    assert not hasattr(years_first, 'index'), 'years_first is a pandas Series, not one count: add up the True values with .sum()'
    assert isinstance(years_first, numbers.Integral) and (not isinstance(years_first, bool)), f'years_first should be a whole number (a count), not a {type(years_first).__name__}'
    wide = data.load('crude_imports_from_russia').pivot(index='year', columns='measure', values='value')
    tonnes, dollars = (wide['volume_mt'], wide['value_usd_bn'])
    assert abs(growth_2023_pct - 100 * (tonnes[2023] - tonnes[2022]) / tonnes[2023]) > 0.05, 'You divided by the 2023 volume: a growth rate is measured against the starting year'
    assert abs(growth_2023_pct - 100 * (dollars[2023] / dollars[2022] - 1)) > 0.05, 'That is the growth of the value in dollars: the question asks for the volume in million tonnes'
    assert abs(growth_2023_pct - 100 * (tonnes[2022] / tonnes[2021] - 1)) > 0.05, 'That is the growth from 2021 to 2022, one year too early'
    war = wide.loc[2022:, 'supplier_rank']
    assert years_first != (war == 2).sum(), 'years_first counts the years Russia ranked second: rank 1 is the largest supplier'
    assert years_first not in (len(war), (wide['supplier_rank'] == 1).sum()), 'years_first counts every year from 2022, or the first places of every year in the table: keep the years from 2022 on whose supplier_rank is 1'


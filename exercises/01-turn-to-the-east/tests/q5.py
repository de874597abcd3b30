from otter.test_files import test_case

OK_FORMAT = False

name = "q5"
points = 3

@test_case(points=0, hidden=False)
def test_growth_rates_are_numbers(growth_2008_2013, growth_2013_2021, growth_2014_2021, growth_2015_2021, audit_q5):
    import numbers
    from sinorussia import data
    for name, value in [('growth_2008_2013', growth_2008_2013), ('growth_2013_2021', growth_2013_2021), ('growth_2014_2021', growth_2014_2021), ('growth_2015_2021', growth_2015_2021)]:
        assert value is not None and value is not ..., f'{name} is empty: average_growth returns nothing yet, so write its return line'
        assert not hasattr(value, 'iloc'), f'{name} is a pandas Series, not one number: use totals[first] and totals[last], one value each'
        assert isinstance(value, numbers.Real) and (not isinstance(value, bool)), f'{name} should be a number, not a {type(value).__name__}'
        assert abs(value) > 1, f'{name} looks like a fraction: multiply by 100 to get percent a year'
        assert abs(value) < 100, f'{name} is above 100% a year: take the root 1 / (last - first) of the ratio, so the growth is per year'
    trade = data.load('trade_usd').query("flow == 'total'").set_index('year')['value_usd_bn']
    start, end = (trade[2008], trade[2013])
    assert abs(growth_2008_2013 - 100 * (end / start - 1) / 5) > 0.01, 'That is the total growth divided by the number of years, a simple average: the question asks for the compound rate'
    assert abs(growth_2008_2013 - 100 * ((end / start) ** (1 / 6) - 1)) > 0.01, 'The root counts one year too many: from 2008 to 2013 trade grew over 5 years, last - first'
    assert audit_q5 in ['A', 'B', 'C', 'D'], f'audit_q5 is {audit_q5!r}: it should be one capital letter in quotes, e.g. "A"'
    why_not = {'B': 'Compare growth_2013_2021 and growth_2014_2021 with growth_2008_2013: is each one larger?', 'C': '2015 is the year trade fell: a base year after a slump makes any later growth look fast', 'D': 'The table has a figure for 2014: look at totals[2014]'}
    assert audit_q5 not in why_not, why_not.get(audit_q5, '')


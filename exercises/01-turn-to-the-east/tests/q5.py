from otter.test_files import test_case

OK_FORMAT = False

name = "q5"
points = 3

@test_case(points=0, hidden=False)
def test_growth_rates_are_numbers(growth_2008_2013, growth_2013_2021, growth_2014_2021, growth_2015_2021, audit_q5):
    import numbers
    for name, value in [('growth_2008_2013', growth_2008_2013), ('growth_2013_2021', growth_2013_2021), ('growth_2014_2021', growth_2014_2021), ('growth_2015_2021', growth_2015_2021)]:
        assert value is not None and value is not ..., f'{name} is empty: average_growth returns nothing yet, so write its return line'
        assert not hasattr(value, 'iloc'), f'{name} is a pandas Series, not one number: use totals[first] and totals[last], one value each'
        assert isinstance(value, numbers.Real) and (not isinstance(value, bool)), f'{name} should be a number, not a {type(value).__name__}'
        assert abs(value) > 1, f'{name} looks like a fraction: multiply by 100 to get percent a year'
        assert abs(value) < 100, f'{name} is above 100% a year: take the root 1 / (last - first) of the ratio, so the growth is per year'
    assert audit_q5 in ['A', 'B', 'C', 'D'], f'audit_q5 is {audit_q5!r}: it should be one capital letter in quotes, e.g. "A"'


from otter.test_files import test_case

OK_FORMAT = False

name = "q1"
points = 2

@test_case(points=0, hidden=False)
def test_net_ratings_are_numbers(net_2014, net_2023):
    import numbers
    for name, value in [('net_2014', net_2014), ('net_2023', net_2023)]:
        assert value is not ..., f'{name} is still ...: replace the ... with a pandas expression'
        assert not hasattr(value, 'index'), f'{name} is a pandas Series, not one number: pick one year and one column, e.g. with .loc[year, column]'
        assert isinstance(value, numbers.Real) and (not isinstance(value, bool)), f'{name} should be a number, not a {type(value).__name__}: compute it, do not type it in quotes'

@test_case(points=0, hidden=False)
def test_net_ratings_are_differences_of_shares(net_2014, net_2023):
    import numbers
    assert all((isinstance(v, numbers.Real) for v in (net_2014, net_2023))), 'Make net_2014 and net_2023 numbers first (see the test above)'
    for name, value in [('net_2014', net_2014), ('net_2023', net_2023)]:
        assert -100 <= value <= 100, f'{name} is outside -100..100: a net rating is one share minus another, not a sum or a ratio'
        assert value < 0, f'{name} is positive: subtract the unfavourable share from the favourable share, not the other way round'


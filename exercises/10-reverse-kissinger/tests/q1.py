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
    from sinorussia import data
    assert all((isinstance(v, numbers.Real) for v in (net_2014, net_2023))), 'Make net_2014 and net_2023 numbers first (see the test above)'
    polls = data.load('us_opinion').query("subject == 'russia'")
    gallup = polls[polls['pollster'] == 'Gallup'].pivot(index='year', columns='question', values='pct')
    pew = polls[polls['pollster'] == 'Pew'].pivot_table(index='year', columns='question', values='pct')
    assert abs(net_2014 - (gallup.loc[2014, 'favourable'] + gallup.loc[2014, 'unfavourable'])) > 0.01, 'net_2014 is a sum: a net rating is the favourable share minus the unfavourable share'
    for name, value in [('net_2014', net_2014), ('net_2023', net_2023)]:
        assert -100 <= value <= 100, f'{name} is outside -100..100: a net rating is one share minus another, not a sum or a ratio'
        assert value < 0, f'{name} is positive: subtract the unfavourable share from the favourable share, not the other way round'
    assert abs(net_2014 - (gallup.loc[2015, 'favourable'] - gallup.loc[2015, 'unfavourable'])) > 0.01, 'That is the net rating of 2015: use the 2014 rows'
    assert abs(net_2023 - (pew.loc[2023, 'favourable'] - pew.loc[2023, 'unfavourable'])) > 0.01, "That is Pew's 2023 poll: the question asks for Gallup's"


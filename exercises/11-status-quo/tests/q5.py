from otter.test_files import test_case

OK_FORMAT = False

name = "q5"
points = 3

@test_case(points=0, hidden=False)
def test_audit_answers_have_the_right_form(n_known, n_later, verdict_q5):
    import numbers
    from sinorussia import data
    for name, value in [('n_known', n_known), ('n_later', n_later)]:
        assert value is not ..., f'{name} is still ...: count rows of events'
        assert not hasattr(value, 'index'), f'{name} is a pandas Series, not one number: count with .sum() on a True/False column, or len()'
        assert isinstance(value, numbers.Integral) and (not isinstance(value, bool)), f'{name} should be a whole number (a count of events), not a {type(value).__name__}'
        assert value > 0, f'{name} should count at least one event of 2025'
    timeline = data.load('events')
    assert n_known != (timeline['date'] < '2025-03-04').sum(), 'n_known counts events of every year: keep the rows whose year is 2025'
    assert n_known + n_later == (timeline['year'] == 2025).sum(), 'n_known and n_later together should count each 2025 event once'
    assert verdict_q5 in ['A', 'B', 'C', 'D'], f'verdict_q5 is {verdict_q5!r}: it should be one capital letter in quotes, e.g. "A"'
    why_not = {'A': 'A forecast is judged by what could be known when it was made: the 2025 totals came out in 2026', 'C': 'Look at the dates of the fall and the memorandum: could the author have seen them on 4 March 2025?', 'D': 'Later data can support a forecast, not prove it beyond doubt'}
    assert verdict_q5 not in why_not, why_not.get(verdict_q5, '')


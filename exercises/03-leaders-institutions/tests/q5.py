from otter.test_files import test_case

OK_FORMAT = False

name = "q5"
points = 3

@test_case(points=0, hidden=False)
def test_audit_answers_have_the_right_form(n_rounded, latest_exact, latest_exact_by, audit_q5):
    import numbers
    from sinorussia import data
    for name, value in [('n_rounded', n_rounded), ('latest_exact', latest_exact)]:
        assert value is not ..., f'{name} is still ...: replace the ... with a pandas expression'
        assert not hasattr(value, 'iloc'), f'{name} is a pandas Series, not one number: count with .sum(), or pick one row with .iloc[-1]'
        assert isinstance(value, numbers.Integral) and (not isinstance(value, bool)), f'{name} should be a whole number, not a {type(value).__name__}'
    assert isinstance(latest_exact_by, str), f'latest_exact_by should be a name (text) from the stated_by column, not a {type(latest_exact_by).__name__}'
    table = data.load('xi_putin_meetings').sort_values('statement_date')
    kinds = table['qualifier'].value_counts()
    assert n_rounded != len(table), 'n_rounded counts every statement: count those whose qualifier is not exact'
    assert n_rounded != kinds.get('about', 0), 'n_rounded counts only the about statements: a more_than figure is not exact either'
    assert latest_exact_by != table['stated_by'].iloc[-1] or table['qualifier'].iloc[-1] == 'exact', 'That is the latest statement, but not an exact count: keep the rows whose qualifier is exact'
    exact = table[table['qualifier'] == 'exact']
    assert latest_exact_by != exact['stated_by'].iloc[0] or latest_exact != exact['count'].iloc[0], 'That is the earliest exact count: sort by statement_date and take the last row'
    assert audit_q5 in ['A', 'B', 'C', 'D'], f'audit_q5 is {audit_q5!r}: it should be one capital letter in quotes, e.g. "A"'
    why_not = {'A': 'Nobody publishes a list of the meetings: the table collects what people said', 'B': 'Look at the count column: do all statements give fewer than forty?', 'D': 'Look at stated_by: Xi Jinping himself stated counts'}
    assert audit_q5 not in why_not, why_not.get(audit_q5, '')


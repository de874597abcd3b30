from otter.test_files import test_case

OK_FORMAT = False

name = "q1"
points = 2

@test_case(points=0, hidden=False)
def test_veto_counts_are_whole_numbers(n_vetoes, n_syria):
    import numbers
    from sinorussia import data
    for name, value in [('n_vetoes', n_vetoes), ('n_syria', n_syria)]:
        assert value is not ..., f'{name} is still ...: count the rows with len() or .sum()'
        assert not hasattr(value, 'iloc'), f'{name} is a pandas Series or table, not one number: count its rows with len()'
        assert isinstance(value, numbers.Integral) and (not isinstance(value, bool)), f'{name} should be a whole number, not a {type(value).__name__}: a share or mean is not a count'
    assert 0 < n_syria <= n_vetoes, 'n_syria counts some of the drafts in n_vetoes: it should be positive and not larger'
    assert n_vetoes < len(data.load('un_joint_vetoes')), 'n_vetoes counts every row of the table: keep only the drafts dated on or before 4 March 2025'
    assert n_vetoes != n_syria, 'n_vetoes counts only the Syria drafts: count the drafts on every topic'


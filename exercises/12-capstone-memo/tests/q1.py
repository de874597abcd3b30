from otter.test_files import test_case

OK_FORMAT = False

name = "q1"
points = 3

@test_case(points=0, hidden=False)
def test_memo_figures_are_pairs_of_a_table_and_a_number(memo_figures):
    import numbers
    from sinorussia import data
    assert memo_figures is not ..., "memo_figures is still ...: list your memo's figures as (table, figure) pairs"
    assert isinstance(memo_figures, (list, tuple)), f'memo_figures should be a list of pairs, not a {type(memo_figures).__name__}'
    for pair in memo_figures:
        assert isinstance(pair, (list, tuple)) and len(pair) == 2, f'{pair!r} is not a pair: write ("table_name", figure)'
        table, figure = pair
        assert table in data.names(), f'There is no table named {table!r} in the data package: print(data.names()) lists them'
        assert isinstance(figure, numbers.Real) and (not isinstance(figure, bool)), f'The figure of {pair!r} should be a number, not a {type(figure).__name__}'

@test_case(points=0, hidden=False)
def test_every_figure_is_in_its_table(memo_figures):
    from sinorussia import figures
    missing = figures.not_in_their_tables(memo_figures)
    assert not missing, f'{missing[0][1]!r} is not a value of {missing[0][0]}: quote each figure as the table holds it, from the table that holds it (requirement 4)'
    assert len(memo_figures) >= 6, f'memo_figures lists {len(memo_figures)} figures: the memo needs at least six pieces of evidence'
    assert len({table for table, _ in memo_figures}) >= 3, 'Every figure comes from one or two tables: draw on at least three'


from otter.test_files import test_case

OK_FORMAT = False

name = "q2"
points = 2

@test_case(points=0, hidden=False)
def test_chart_is_a_point_chart_of_statements(chart):
    from sinorussia import chartcheck, data
    dual = data.load('dual_use_shares')
    expected = dual[['statement_date', 'share_pct', 'item']].set_axis(['x', 'y', 'shape'], axis=1)
    chartcheck.expect_chart(chart, ['point', 'circle'], {'x': 'statement_date', 'y': 'share_pct', 'color': 'stated_by', 'shape': 'item'}, expected, what='every row of dual, once', sort=('x',))


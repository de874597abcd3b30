from otter.test_files import test_case

OK_FORMAT = False

name = "q3"
points = 2

@test_case(points=0, hidden=False)
def test_chart_is_a_scatter_of_statements(chart):
    from sinorussia import chartcheck, data
    meetings = data.load('xi_putin_meetings')
    expected = meetings[['statement_date', 'count']].set_axis(['x', 'y'], axis=1)
    chartcheck.expect_chart(chart, ['point', 'circle'], {'x': 'statement_date', 'y': 'count', 'shape': 'qualifier'}, expected, what='every statement of the table, once', sort=('x',))
    tooltip = chartcheck.spec(chart).get('encoding', {}).get('tooltip', [])
    tooltip = tooltip if isinstance(tooltip, list) else [tooltip]
    assert 'stated_by' in [t.get('field') if isinstance(t, dict) else t for t in tooltip], 'Add a tooltip that shows stated_by: who is being quoted?'


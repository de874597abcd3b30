from otter.test_files import test_case

OK_FORMAT = False

name = "q3"
points = 2

@test_case(points=0, hidden=False)
def test_chart_is_a_scatter_of_statements(chart):
    assert hasattr(chart, 'to_dict'), 'chart should be an Altair chart: start from alt.Chart(meetings)'
    spec = chart.to_dict()
    mark = spec.get('mark', {})
    mark_type = mark.get('type') if isinstance(mark, dict) else mark
    assert mark_type in ['point', 'circle'], f'The mark is {mark_type!r}: use .mark_point(), one marker per statement'
    encoding = spec.get('encoding', {})
    assert encoding.get('x', {}).get('field') == 'statement_date', 'Put statement_date on the x axis, as a date: x="statement_date:T"'
    assert encoding.get('y', {}).get('field') == 'count', 'Put count on the y axis'
    assert encoding.get('shape', {}).get('field') == 'qualifier', 'Give each qualifier its own marker: shape="qualifier:N"'
    tooltip = encoding.get('tooltip', [])
    tooltip = tooltip if isinstance(tooltip, list) else [tooltip]
    assert 'stated_by' in [t.get('field') for t in tooltip if isinstance(t, dict)], 'Add a tooltip that shows stated_by: who is being quoted?'
    assert spec.get('title'), 'Give the chart a title with .properties(title=...)'


from otter.test_files import test_case

OK_FORMAT = False

name = "q2"
points = 2

@test_case(points=0, hidden=False)
def test_chart_is_a_point_chart_of_statements(chart):
    assert hasattr(chart, 'to_dict'), 'chart should be an Altair chart: start from alt.Chart(dual_rows)'
    spec = chart.to_dict()
    mark = spec.get('mark', {})
    mark_type = mark.get('type') if isinstance(mark, dict) else mark
    assert mark_type in ['point', 'circle'], f'The mark is {mark_type!r}: use .mark_point() for separate statements'
    encoding = spec.get('encoding', {})
    assert encoding.get('x', {}).get('field') == 'statement_date', 'Put statement_date on the x axis'
    assert encoding.get('y', {}).get('field') == 'share_pct', 'Put share_pct on the y axis'
    assert encoding.get('color', {}).get('field') == 'stated_by', 'Colour the points by who made the statement: encode(color="stated_by:N")'
    assert encoding.get('shape', {}).get('field') == 'item', 'Shape the points by item: encode(shape="item:N")'
    assert spec.get('title'), 'Give the chart a title with .properties(title=...)'


from otter.test_files import test_case

OK_FORMAT = False

name = "q2"
points = 2

@test_case(points=0, hidden=False)
def test_chart_is_a_line_chart_by_answer(chart):
    assert hasattr(chart, 'to_dict'), 'chart should be an Altair chart: start from alt.Chart(gallup_rows)'
    spec = chart.to_dict()
    mark = spec.get('mark', {})
    mark_type = mark.get('type') if isinstance(mark, dict) else mark
    assert mark_type == 'line', f'The mark is {mark_type!r}: use .mark_line() for a series over time'
    encoding = spec.get('encoding', {})
    assert encoding.get('x', {}).get('field') == 'year', 'Put year on the x axis: encode(x="year:Q", ...)'
    assert encoding.get('y', {}).get('field') == 'pct', 'Put pct on the y axis'
    assert encoding.get('color', {}).get('field') == 'question', 'Draw one line per answer: encode(color="question:N")'
    assert spec.get('title'), 'Give the chart a title with .properties(title=...)'


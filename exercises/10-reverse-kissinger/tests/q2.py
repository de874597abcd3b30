from otter.test_files import test_case

OK_FORMAT = False

name = "q2"
points = 2

@test_case(points=0, hidden=False)
def test_chart_is_a_line_chart_by_answer(chart):
    from sinorussia import chartcheck, data
    opinion = data.load('us_opinion').query("pollster == 'Gallup' and subject == 'russia'")
    expected = opinion[['year', 'pct', 'question']].set_axis(['x', 'y', 'color'], axis=1)
    chartcheck.expect_chart(chart, 'line', {'x': 'year', 'y': 'pct', 'color': 'question'}, expected, what='every Gallup result about Russia, once, one line per answer', sort=('x',))


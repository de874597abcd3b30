from otter.test_files import test_case

OK_FORMAT = False

name = "q4"
points = 1

@test_case(points=0, hidden=False)
def test_answer_is_one_letter(answer_q4):
    assert answer_q4 in ['A', 'B', 'C', 'D'], f'answer_q4 is {answer_q4!r}: it should be one capital letter in quotes, e.g. "A"'
    why_not = {'A': 'Read the route column: where do the central_asia_china lines start?', 'B': 'Add up the design capacity of the other gas lines and compare it with Power of Siberia 1', 'C': 'Read project_status: several pipelines are operating'}
    assert answer_q4 not in why_not, why_not.get(answer_q4, '')


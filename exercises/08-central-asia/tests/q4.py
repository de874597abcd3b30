from otter.test_files import test_case

OK_FORMAT = False

name = "q4"
points = 1

@test_case(points=0, hidden=False)
def test_answer_q4_is_one_letter(answer_q4):
    assert answer_q4 in ['A', 'B', 'C', 'D'], f'answer_q4 is {answer_q4!r}: it should be one capital letter in quotes, e.g. "A"'
    why_not = {'A': "Exporters value goods FOB, without freight: which side's record does CIF make larger?", 'B': 'Read the coverage column of both rows: five_states, Turkmenistan included', 'C': 'Both rows are in value_usd_bn, US dollars'}
    assert answer_q4 not in why_not, why_not.get(answer_q4, '')


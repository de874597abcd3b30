from otter.test_files import test_case

OK_FORMAT = False

name = "q4"
points = 1

@test_case(points=0, hidden=False)
def test_answer_q4_is_one_letter(answer_q4):
    assert answer_q4 in ['A', 'B', 'C', 'D'], f'answer_q4 is {answer_q4!r}: it should be one capital letter in quotes, e.g. "A"'
    why_not = {'A': 'A vote is a record of what was done, not of why: no table of votes can show a motive', 'C': 'Count the rows dated 2011 to 2020 and those from 2022: which period has more?', 'D': 'The table holds drafts that both vetoed (joint vetoes), not those either one vetoed alone'}
    assert answer_q4 not in why_not, why_not.get(answer_q4, '')


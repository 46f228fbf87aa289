"""Plans built from an assessment: a personal exercise programme, a graded return to running,
and their calendar export. Pure domain code: the caller passes in the result, the diary, the
activities and the dates (time is an argument); nothing here reads files, clocks or databases.
"""

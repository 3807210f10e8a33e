"""Funded routes: the dossiers that pay for a plan, built from the same engagement.

A consultant in Lombardy is paid largely through public routes (the Check-up d'impresa voucher, the
gender-equality certification vouchers, the ATS territorial conciliation plans); each asks for the same
facts in its own shape. Each dossier here is a pure function from one :class:`~workbench.dossiers.source.DossierSource`
(the assessment, the plan, the survey aggregate, the readings) to its document contract in
:mod:`workbench.models.dossier`, rendered through its own editable template. Every dossier lists what is
still missing to submit it: the tool never fills a gap with a guess.
"""

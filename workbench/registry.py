"""All questionnaires of a folder, found by ``id@version`` as answers files name them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from workbench.content import ContentError, ContentIssue, display_path
from workbench.questionnaire import LoadedQuestionnaire, is_definition_file, load_questionnaire


@dataclass(frozen=True)
class QuestionnaireRegistry:
    by_ref: dict[str, LoadedQuestionnaire]

    def get(self, ref: str) -> LoadedQuestionnaire:
        """The questionnaire for ``id@version``; a clear error lists what exists instead."""
        found = self.by_ref.get(ref)
        if found is None:
            qid = ref.split("@", 1)[0]
            same_id = sorted(r for r in self.by_ref if r.split("@", 1)[0] == qid)
            hint = (
                f"versions available: {', '.join(same_id)}"
                if same_id
                else (f"available: {', '.join(sorted(self.by_ref)) or 'none'}")
            )
            raise LookupError(f"questionnaire '{ref}' not found ({hint})")
        return found

    def refs(self) -> list[str]:
        return sorted(self.by_ref)


def definition_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_file() and is_definition_file(p))


def load_registry(folder: Path) -> QuestionnaireRegistry:
    """Load every definition in ``folder``; all problems of all files are reported together."""
    if not folder.is_dir():
        raise ContentError([ContentIssue(display_path(folder), "", "", "questionnaire folder not found")])
    issues: list[ContentIssue] = []
    found: dict[str, LoadedQuestionnaire] = {}
    for path in definition_files(folder):
        try:
            loaded = load_questionnaire(path)
        except ContentError as exc:
            issues.extend(exc.issues)
            continue
        if loaded.ref in found:
            other = display_path(found[loaded.ref].path)
            issues.append(ContentIssue(display_path(path), "", "version", f"{loaded.ref} is also defined in {other}"))
            continue
        found[loaded.ref] = loaded
    if issues:
        # a shared section included by several questionnaires reports its problems once
        raise ContentError(list(dict.fromkeys(issues)))
    return QuestionnaireRegistry(found)

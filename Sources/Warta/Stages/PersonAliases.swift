import Foundation

/// Short names and nicknames that stand for a full name of the document (ANNOTATION.md: a short PERSON
/// mention's norm, and a quote's speaker, is the fullest form of that name), run after `linkFullestNames`.
///
/// Two kinds of mention are linked here, both read off lists of the rules file:
/// - a name after an address form (`alias_address`, and the honorifics: `Bu Lis`, `Pak Harto`, `Gus
///   Sukarsa`, `Men Suarni`): the address form is no part of the name, and what is left links to the one
///   full name it fits: a whole word of it, else (only when exactly one full name fits) the start or the
///   end of one of its words (`Lis` of `Listyawati`, `Yati` of `Nurhayati`, `Wir` of `Wiranto`);
/// - a nickname the text introduces (`alias_cue_before`: `yang akrab disapa X`, `alias X`; `alias_cue_after`:
///   `X, sapaan akrabnya`): X is the person named right before the cue in its sentence (`Ni Ketut Suarni
///   alias Men Suarni`), else the one full name it fits as above. Every mention of that nickname in the
///   document then stands for that person.
/// Two full names that fit equally leave the mention as it was.
/// The look-ups are `AliasReader`'s (AliasReader.swift).
extension TagState {
    mutating func linkAliases() {
        guard let reader = AliasReader(self) else { return }
        for (k, full) in reader.norms(aliasOf: reader.nicknames()) {
            entities[k].norm = full
            if entities[k].normKind == .none { entities[k].normKind = .text }
        }
    }
}

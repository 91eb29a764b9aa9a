//! `id_enum!`: an enum whose variants each have a kebab-case id (the name in the configuration,
//! on the command line and in files), declared as one table of `Variant = "id"` rows. It derives
//! `ALL` (every variant, in declaration order), `id` and `from_id`, so adding a variant is one row
//! and an id is spelt once.

/// Declare an enum from rows of `Variant = "id"` (attributes and doc comments allowed on the
/// enum and on each row, `#[default]` too). Gives `ALL: [Self; N]`, `id(self) -> &'static str`
/// and `from_id(&str) -> Option<Self>`.
macro_rules! id_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $id:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        $vis enum $name {
            $( $(#[$vmeta])* $variant ),+
        }

        impl $name {
            /// Every variant, in the order declared.
            pub const ALL: [$name; [$($id),+].len()] = [$($name::$variant),+];

            /// The kebab-case id: what the configuration, the command line and files use.
            pub fn id(self) -> &'static str {
                match self {
                    $( $name::$variant => $id ),+
                }
            }

            /// The variant with this id, if any (exact, as `id` writes it).
            pub fn from_id(id: &str) -> Option<$name> {
                Self::ALL.into_iter().find(|v| v.id() == id)
            }
        }
    };
}

pub(crate) use id_enum;

#[cfg(test)]
mod tests {
    id_enum! {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
        enum Probe {
            #[default]
            First = "first",
            /// A doc comment on a row.
            SecondOne = "second-one",
        }
    }

    #[test]
    fn every_row_gives_its_variant_an_id_both_ways() {
        assert_eq!(Probe::ALL, [Probe::First, Probe::SecondOne]);
        assert_eq!(Probe::SecondOne.id(), "second-one");
        assert_eq!(Probe::from_id("second-one"), Some(Probe::SecondOne));
        assert_eq!(Probe::from_id("SecondOne"), None);
        assert_eq!(Probe::default(), Probe::First);
    }
}

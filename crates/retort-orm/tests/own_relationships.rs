//! Relationships through the Rust API: configuration from foreign keys,
//! backrefs kept in step in memory, the save-update cascade, the foreign
//! keys the flush copies or NULLs, delete-orphan, and the errors of a
//! misconfigured relationship.

use retort_orm::{
    Cascade, Direction, MapperId, NoHost, OrmValue, RelationshipDecl, RelationshipOptions, Session,
};
use retort_sql::{Column, ForeignKey, SqlType, Table};

fn session(cascade: Cascade) -> (Session, MapperId, MapperId) {
    let mut session = Session::in_memory().unwrap();
    let author = session
        .register(retort_orm::Mapper::new(
            "__main__",
            "Author",
            Table::new(
                "author",
                vec![
                    Column::new("id", SqlType::Integer).primary_key(),
                    Column::new("name", SqlType::String(Some(20))),
                ],
            ),
        ))
        .unwrap();
    let book = session
        .register(retort_orm::Mapper::new(
            "__main__",
            "Book",
            Table::new(
                "book",
                vec![
                    Column::new("id", SqlType::Integer).primary_key(),
                    Column::new("author_id", SqlType::Integer)
                        .foreign_key(ForeignKey::parse("author.id").unwrap()),
                ],
            ),
        ))
        .unwrap();
    session
        .registry
        .configure_relationship(
            author,
            RelationshipDecl {
                key: "books".into(),
                target: book,
                secondary: None,
                foreign_keys: Vec::new(),
                remote_side: Vec::new(),
                options: RelationshipOptions {
                    cascade,
                    ..RelationshipOptions::default()
                },
                back_populates: None,
                backref: Some(("author".into(), RelationshipOptions::default())),
                primaryjoin: None,
                secondaryjoin: None,
            },
        )
        .unwrap();
    session.create_all().unwrap();
    (session, author, book)
}

fn sql_of(session: &Session) -> Vec<String> {
    session.records().iter().map(|r| r.normalized()).collect()
}

#[test]
fn backref_is_configured_from_the_foreign_key() {
    let (session, author, book) = session(Cascade::default_rules());
    let books = session.registry.relationship(author, "books").unwrap();
    assert_eq!(books.direction, Direction::OneToMany);
    assert_eq!(books.pairs, vec![("id".to_owned(), "author_id".to_owned())]);
    let back = session.registry.relationship(book, "author").unwrap();
    assert_eq!(back.direction, Direction::ManyToOne);
    assert!(!back.uselist);
}

#[test]
fn append_syncs_the_other_side_cascades_and_copies_the_key() {
    let (mut session, author, book) = session(Cascade::default_rules());
    let a = session.new_object(author).unwrap();
    let b = session.new_object(book).unwrap();
    session.rel_append(&mut NoHost, a, "books", b).unwrap();
    assert_eq!(session.rel_get(&mut NoHost, b, "author").unwrap(), vec![a]);
    session.add(a).unwrap();
    assert!(session.contains(b).unwrap());
    session.commit(&mut NoHost).unwrap();
    assert_eq!(session.get_attr(b, "author_id").unwrap(), OrmValue::Int(1));
    assert!(sql_of(&session).contains(&"INSERT INTO book (author_id) VALUES (?)".to_owned()));
}

#[test]
fn removing_without_delete_orphan_nulls_and_with_it_deletes() {
    for (cascade, expected) in [
        (
            Cascade::default_rules(),
            "UPDATE book SET author_id=? WHERE book.id = ?",
        ),
        (
            Cascade::parse("all, delete-orphan").unwrap(),
            "DELETE FROM book WHERE book.id = ?",
        ),
    ] {
        let (mut session, author, book) = session(cascade);
        let a = session.new_object(author).unwrap();
        let b = session.new_object(book).unwrap();
        session
            .rel_replace(&mut NoHost, a, "books", vec![b])
            .unwrap();
        session.add(a).unwrap();
        session.commit(&mut NoHost).unwrap();
        assert!(session.rel_remove(&mut NoHost, a, "books", b).unwrap());
        session.commit(&mut NoHost).unwrap();
        assert!(
            sql_of(&session).contains(&expected.to_owned()),
            "{expected}"
        );
    }
}

#[test]
fn deleting_a_parent_without_cascade_nulls_its_children() {
    let (mut session, author, book) = session(Cascade::default_rules());
    let a = session.new_object(author).unwrap();
    let b = session.new_object(book).unwrap();
    session.rel_set(&mut NoHost, b, "author", Some(a)).unwrap();
    session.add(b).unwrap();
    session.commit(&mut NoHost).unwrap();
    session.delete(&mut NoHost, a).unwrap();
    session.commit(&mut NoHost).unwrap();
    let sql = sql_of(&session);
    let update = sql
        .iter()
        .position(|s| s == "UPDATE book SET author_id=? WHERE book.id = ?")
        .expect("the child's key is NULLed");
    let delete = sql
        .iter()
        .position(|s| s == "DELETE FROM author WHERE author.id = ?")
        .expect("the parent is deleted");
    assert!(update < delete);
}

#[test]
fn a_relationship_without_foreign_key_is_an_error() {
    let mut session = Session::in_memory().unwrap();
    let id = || Column::new("id", SqlType::Integer).primary_key();
    let a = session
        .register(retort_orm::Mapper::new(
            "m",
            "A",
            Table::new("a", vec![id()]),
        ))
        .unwrap();
    let b = session
        .register(retort_orm::Mapper::new(
            "m",
            "B",
            Table::new("b", vec![id()]),
        ))
        .unwrap();
    let error = session
        .registry
        .configure_relationship(
            a,
            RelationshipDecl {
                key: "bs".into(),
                target: b,
                secondary: None,
                foreign_keys: Vec::new(),
                remote_side: Vec::new(),
                options: RelationshipOptions::default(),
                back_populates: None,
                backref: None,
                primaryjoin: None,
                secondaryjoin: None,
            },
        )
        .unwrap_err();
    assert_eq!(error.class_name(), "NoForeignKeysError");
}

#[test]
fn lazy_loads_for_objects_of_one_query_are_flagged_as_n_plus_one() {
    let (mut session, author, book) = session(Cascade::default_rules());
    for _ in 0..3 {
        let a = session.new_object(author).unwrap();
        let b = session.new_object(book).unwrap();
        session.rel_append(&mut NoHost, a, "books", b).unwrap();
        session.add(a).unwrap();
    }
    session.commit(&mut NoHost).unwrap();
    session.close().unwrap();
    let query = retort_orm::OrmQuery::for_mapper(retort_orm::QueryStyle::Legacy, author);
    let authors: Vec<retort_orm::ObjectId> = session
        .query_all(&mut NoHost, &query)
        .unwrap()
        .scalars()
        .into_iter()
        .filter_map(|item| match item {
            retort_orm::ResultItem::Object(o) => Some(o),
            retort_orm::ResultItem::Value(_) => None,
        })
        .collect();
    for a in &authors {
        session.rel_get(&mut NoHost, *a, "books").unwrap();
    }
    let records = session.records();
    let loads: Vec<_> = records.iter().filter(|r| r.load.is_some()).collect();
    assert_eq!(loads.len(), 3);
    assert_eq!(loads[0].load.as_ref().unwrap().attribute, "Author.books");
    let found = retort_orm::n_plus_one(records);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].loads.len(), 3);
    assert_eq!(found[0].suggestion, "selectinload(Author.books)");
}

#[test]
fn cascades_record_what_they_did() {
    use retort_orm::CascadeOp;
    let (mut session, author, book) = session(Cascade::parse("all, delete-orphan").unwrap());
    let a = session.new_object(author).unwrap();
    let (b1, b2) = (
        session.new_object(book).unwrap(),
        session.new_object(book).unwrap(),
    );
    session
        .rel_replace(&mut NoHost, a, "books", vec![b1, b2])
        .unwrap();
    session.add(a).unwrap();
    let saved: Vec<_> = session
        .take_effects()
        .into_iter()
        .filter(|e| e.op == CascadeOp::SaveUpdate)
        .map(|e| (e.object, e.via, e.from))
        .collect();
    assert_eq!(
        saved,
        vec![
            (b1, "Author.books".to_owned(), Some(a)),
            (b2, "Author.books".to_owned(), Some(a)),
        ]
    );
    session.commit(&mut NoHost).unwrap();
    session.rel_remove(&mut NoHost, a, "books", b1).unwrap();
    session.commit(&mut NoHost).unwrap();
    assert!(
        session
            .take_effects()
            .iter()
            .any(|e| e.op == CascadeOp::DeleteOrphan && e.object == b1)
    );
    session.delete(&mut NoHost, a).unwrap();
    assert!(
        session
            .take_effects()
            .iter()
            .any(|e| e.op == CascadeOp::Delete && e.object == b2 && e.from == Some(a))
    );

    let (mut session, author, book) = session_with_default();
    let a = session.new_object(author).unwrap();
    let b = session.new_object(book).unwrap();
    session.rel_append(&mut NoHost, a, "books", b).unwrap();
    session.add(a).unwrap();
    session.commit(&mut NoHost).unwrap();
    session.delete(&mut NoHost, a).unwrap();
    session.commit(&mut NoHost).unwrap();
    assert!(
        session
            .take_effects()
            .iter()
            .any(|e| e.op == CascadeOp::Nullify && e.object == b && e.via == "Author.books")
    );
}

fn session_with_default() -> (Session, MapperId, MapperId) {
    session(Cascade::default_rules())
}

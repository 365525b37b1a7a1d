/**
 * The part of Atlassian's GraphQL API that the legacy storage API (`@forge/storage`, the `storage`
 * of `@forge/api` up to 7) sends to `/forge/entities/graphql`, as SDL: the operations of its
 * `out/gql-queries.js` for untyped keys. Requests are parsed and validated against it by the
 * graphql reference implementation, never matched as strings; custom entities are not in it yet,
 * so their operations are refused as invalid, as an unknown field would be.
 */
export const LEGACY_STORAGE_SDL = /* GraphQL */ `
  scalar JSON

  type AppStoredEntity {
    key: ID!
    value: JSON
  }
  type AppStoredEntityEdge {
    node: AppStoredEntity!
    cursor: String!
  }
  type AppStoredEntityConnection {
    edges: [AppStoredEntityEdge!]!
  }
  input AppStoredEntityFilter {
    field: String!
    condition: String!
    value: String!
  }

  type Query {
    appStoredEntity(key: ID!, encrypted: Boolean!): AppStoredEntity!
    appStoredEntities(where: [AppStoredEntityFilter!], after: String, first: Int): AppStoredEntityConnection!
  }

  input SetAppStoredEntityMutationInput {
    key: ID!
    value: JSON!
    encrypted: Boolean
  }
  input DeleteAppStoredEntityMutationInput {
    key: ID!
    encrypted: Boolean
  }
  type MutationErrorExtension {
    errorType: String
    statusCode: Int
  }
  type MutationError {
    message: String
    extensions: MutationErrorExtension
  }
  type AppStoredEntityPayload {
    success: Boolean!
    errors: [MutationError!]
  }
  type AppStorageMutation {
    setAppStoredEntity(input: SetAppStoredEntityMutationInput!): AppStoredEntityPayload!
    deleteAppStoredEntity(input: DeleteAppStoredEntityMutationInput!): AppStoredEntityPayload!
  }
  type Mutation {
    appStorage: AppStorageMutation!
  }
`;

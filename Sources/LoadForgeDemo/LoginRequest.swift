/// `POST /login`'s body.
struct LoginRequest: Decodable {
  var user: String
  var password: String?
}

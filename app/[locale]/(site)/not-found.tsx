import { MessagePage } from '@/app/_components/message-page';

export default function NotFound() {
  return <MessagePage title="notFoundTitle" body="notFoundBody" />;
}
